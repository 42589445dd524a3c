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

  /** Lines taken for an hour whose marker exists (routed by late.policy; never dropped). */
  long getLateLinesAfterMarker();

  /** Hour markers written or rewritten by this sink. */
  long getHourMarkersWritten();

  /** Start of the first hour this writer has not finished (epoch ms; 0 before it knows). */
  long getFinishedThroughMillis();

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

  /**
   * 1 while the sink recovers its files and replays its spool at start (it takes no events then).
   */
  long getRecovering();

  /** 1 while another writer holds this sink's writer id (see the log): the sink takes nothing. */
  long getWriterIdConflict();

  /** Spool records written to HDFS again at start because HDFS did not hold them yet. */
  long getReplayedEvents();

  /** Files cut back to their last whole gzip member, or finished, by the start-up recovery. */
  long getRecoveredFiles();

  /**
   * Spool commits that failed (disk full, not writable, fsync error); each batch was rolled back.
   */
  long getSpoolWriteFailures();

  /** Spool records lost to damage (CRC mismatch) and torn tails cut, found at start. */
  long getSpoolDamage();

  /**
   * HDFS calls that did not return within hdfs.callTimeout (each counted as a failed write and
   * retried; since the agent started).
   */
  long getHdfsCallTimeouts();

  /** HDFS calls that timed out and have not returned yet (their threads are still busy). */
  long getHdfsCallsStuck();

  /** Renewals of the keytab login done ahead of the ticket's expiry. */
  long getKerberosRelogins();

  /** Kerberos logins at start and renewals that failed (see the log for the cause). */
  long getKerberosLoginFailures();

  /**
   * The type and unit of every attribute this bean adds to Flume's own, machine-readable, so the
   * metrics reporter can label each value without knowing this class: {@code Name=kind:unit,...}
   * with kind {@code counter} (only ever grows while the agent runs), {@code gauge}, {@code info}
   * (text) or {@code gauge_by_partition} (text {@code topic-partition=value,...}), and unit {@code
   * 1}, {@code bytes}, {@code ms} (a duration), {@code percent} or {@code epoch_ms}.
   */
  String METRIC_TYPES =
      "OpenTargets=gauge:1,Level1Bytes=gauge:bytes,Level2Bytes=gauge:bytes,"
          + "InFlightBytes=gauge:bytes,MembersWritten=counter:1,"
          + "CompressionRatioPercent=gauge:percent,HdfsWrites=counter:1,"
          + "HdfsWriteFailures=counter:1,HdfsBytesWritten=counter:bytes,"
          + "FilesFinished=counter:1,SpoolBytes=gauge:bytes,"
          + "OldestUnflushedAgeMillis=gauge:ms,LateEvents=counter:1,"
          + "FallbackEvents=counter:1,MemoryPressureEvents=counter:1,"
          + "RewrittenValues=counter:1,RewrittenAppValues=counter:1,"
          + "RewrittenHostValues=counter:1,RewrittenTypeValues=counter:1,"
          + "LastWriteError=info:1,CompressionBackend=info:1,"
          + "HdfsFatalFailures=counter:1,Recovering=gauge:1,"
          + "WriterIdConflict=gauge:1,ReplayedEvents=counter:1,"
          + "RecoveredFiles=counter:1,SpoolWriteFailures=counter:1,"
          + "SpoolDamage=counter:1,HdfsCallTimeouts=counter:1,"
          + "HdfsCallsStuck=gauge:1,KerberosRelogins=counter:1,"
          + "KerberosLoginFailures=counter:1,LateLinesAfterMarker=counter:1,"
          + "HourMarkersWritten=counter:1,FinishedThroughMillis=gauge:epoch_ms";

  /**
   * {@link #METRIC_TYPES}: read by the metrics reporter (an attribute, so it travels with the
   * values).
   */
  String getMetricTypes();
}
