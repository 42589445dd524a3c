package io.accesslog.flume.sink.buffer;

/**
 * One target file family: a directory and a file base name inside one hour bucket. Sequence numbers
 * and the writer id turn it into concrete HDFS file names. Implementations are immutable and are
 * used as hash keys (equals/hashCode on directory and file base).
 */
public interface FileTarget {
  /** Absolute HDFS directory, no trailing slash. */
  String directory();

  /** File name without writer id, sequence and suffix, e.g. {@code web01.2026112213}. */
  String fileBase();

  /** Start of the event hour this target belongs to (epoch millis). */
  long hourStartMillis();
}
