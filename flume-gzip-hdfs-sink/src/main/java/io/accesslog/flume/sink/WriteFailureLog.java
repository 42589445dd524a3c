package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.EngineStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the engine's HDFS write failures without flooding: each call reports only the failures since
 * the last report, as one line (a warning for those that retry, an error for those that need an
 * operator), so an outage costs a line per {@code process()} that saw new failures, not one per
 * file.
 */
final class WriteFailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);

  private final String sinkName;
  private final long maxBackoffMillis;
  private long loggedWriteFailures;
  private long loggedFatalFailures;

  WriteFailureLog(String sinkName, long maxBackoffMillis) {
    this.sinkName = sinkName;
    this.maxBackoffMillis = maxBackoffMillis;
  }

  /** Runner thread. */
  void reportNew(EngineStats stats) {
    long failures = stats.hdfsWriteFailures();
    if (failures > loggedWriteFailures) {
      LOG.warn(
          "{}: {} HDFS write(s) failed since the last report, retrying with backoff; latest: {}",
          sinkName,
          failures - loggedWriteFailures,
          stats.lastWriteError());
      loggedWriteFailures = failures;
    }
    long fatal = stats.hdfsFatalFailures();
    if (fatal > loggedFatalFailures) {
      LOG.error(
          "{}: HDFS refuses a write for a reason that will not go away by itself (permission, quota or "
              + "path); the lines stay in the spool and the write is retried every {} ms until it is fixed: {}",
          sinkName,
          maxBackoffMillis,
          stats.lastFatalError());
      loggedFatalFailures = fatal;
    }
  }
}
