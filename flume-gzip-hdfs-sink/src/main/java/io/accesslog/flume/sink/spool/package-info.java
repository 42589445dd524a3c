/**
 * The sink's local write-ahead spool: batches are made durable here before the Flume transaction
 * commits, and replayed after a crash.
 *
 * <p>Public surface: {@link io.accesslog.flume.sink.spool.SpoolSettings} (validated settings),
 * {@link io.accesslog.flume.sink.spool.Spool} and {@link io.accesslog.flume.sink.spool.SpoolBatch}
 * (writing, retirement), {@link io.accesslog.flume.sink.spool.SpoolReader} with {@link
 * io.accesslog.flume.sink.spool.RecordConsumer}, {@link io.accesslog.flume.sink.spool.ReplayResult}
 * and {@link io.accesslog.flume.sink.spool.SpoolIssue} (recovery). Everything else is internal; the
 * design notes are on {@link io.accesslog.flume.sink.spool.Spool}.
 */
package io.accesslog.flume.sink.spool;
