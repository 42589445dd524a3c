/** gzip HDFS sink with two-level buffering, a local write-ahead spool and hour-aligned rolling. */
package io.accesslog.flume.sink;
