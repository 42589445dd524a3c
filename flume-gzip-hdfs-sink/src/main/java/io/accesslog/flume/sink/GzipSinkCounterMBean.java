package io.accesslog.flume.sink;

import org.apache.flume.instrumentation.SinkCounterMBean;

/**
 * Flume's standard sink counters plus the gauges of our write path. Flume's JMX and HTTP/JSON
 * monitoring list every attribute of this interface under {@code SINK.<name>}.
 */
public interface GzipSinkCounterMBean extends SinkCounterMBean {
  long getOpenTargets();

  long getLevel1Bytes();

  long getLevel2Bytes();

  long getInFlightBytes();

  long getMembersWritten();

  /** Uncompressed bytes / gzip bytes x 100, over all members so far. */
  long getCompressionRatioPercent();

  long getHdfsWrites();

  long getHdfsWriteFailures();

  long getHdfsBytesWritten();

  long getFilesFinished();

  long getSpoolBytes();

  long getOldestUnflushedAgeMillis();

  long getLateEvents();

  /** Events whose timestamp or a path header was missing or unusable (routed with a fallback). */
  long getFallbackEvents();

  long getMemoryPressureEvents();

  /** The most recent failed HDFS write (target, sequence, exception), empty if none. */
  String getLastWriteError();

  /** {@code isal} or {@code jdk}. */
  String getCompressionBackend();
}
