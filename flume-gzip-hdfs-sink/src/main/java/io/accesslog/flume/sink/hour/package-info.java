/**
 * Hour completeness across writers: heartbeats and finished-hour watermarks in {@code
 * _writers/.state/}, the hour marker ({@code _COMPLETE}) written once every writer that can still
 * add to an hour has finished it, and the late-data policy for lines of a marked hour. See {@link
 * io.accesslog.flume.sink.hour.HourKeeper} for the rule and the design notes.
 */
package io.accesslog.flume.sink.hour;
