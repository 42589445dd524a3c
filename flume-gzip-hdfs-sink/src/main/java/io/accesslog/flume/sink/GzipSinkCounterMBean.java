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

  /**
   * Header values the path rule rewrote because they were unsafe, would have been hidden (leading
   * {@code _} or {@code .}) or too long, counted per event and header (0 behind our interceptor,
   * whose values are already canonical).
   */
  long getRewrittenValues();

  /** The part of {@link #getRewrittenValues()} for the {@code app} header. */
  long getRewrittenAppValues();

  /** The part of {@link #getRewrittenValues()} for the {@code host} header. */
  long getRewrittenHostValues();

  /** The part of {@link #getRewrittenValues()} for the {@code type} header. */
  long getRewrittenTypeValues();

  /** The most recent failed HDFS write (target, sequence, exception), empty if none. */
  String getLastWriteError();

  /** {@code isal} or {@code jdk}. */
  String getCompressionBackend();

  /** HDFS failures that will not heal by themselves (permission, quota, invalid path). */
  long getHdfsFatalFailures();

  /** 1 while the sink recovers its files and replays its spool at start (it takes no events then). */
  long getRecovering();

  /** 1 while another writer holds this sink's writer id (see the log): the sink takes nothing. */
  long getWriterIdConflict();

  /** Spool records written to HDFS again at start because HDFS did not hold them yet. */
  long getReplayedEvents();

  /** Files cut back to their last whole gzip member, or finished, by the start-up recovery. */
  long getRecoveredFiles();

  /** Spool commits that failed (disk full, not writable, fsync error); each batch was rolled back. */
  long getSpoolWriteFailures();

  /** Spool records lost to damage (CRC mismatch) and torn tails cut, found at start. */
  long getSpoolDamage();
}
