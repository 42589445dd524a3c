package io.accesslog.flume.sink.buffer;

/**
 * Whether a failed HDFS call can heal by itself. Which exceptions mean which is the store's
 * knowledge, not this package's: a {@link FailureClassifier} decides (for HDFS: {@code
 * hdfs.HadoopFailures}).
 */
public enum WriteFailure {
  /**
   * Connection refused or reset, timeouts, NameNode in safe mode or standby, lease trouble: retry.
   */
  RETRIABLE,
  /** Permission denied, quota exceeded, invalid path: retrying will not help until someone acts. */
  FATAL
}
