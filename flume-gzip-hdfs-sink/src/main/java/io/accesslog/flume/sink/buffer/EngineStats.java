package io.accesslog.flume.sink.buffer;

/**
 * Counters and gauges of the write path. Written by the runner thread only, read by monitoring
 * threads (hence volatile: single writer, so increments need no atomics).
 */
public final class EngineStats {
  volatile long linesBuffered;
  volatile long lateLines;
  volatile long membersWritten;
  volatile long rawBytesCompressed;
  volatile long gzipBytesProduced;
  volatile long hdfsWrites;
  volatile long hdfsBytesWritten;
  volatile long hdfsWriteFailures;
  volatile long hdfsFatalFailures;
  volatile long filesFinished;
  volatile long pressureEvents;
  volatile int openTargets;
  volatile long level1Bytes;
  volatile long level2Bytes;
  volatile long inFlightBytes;
  volatile long oldestUnflushedAgeMillis;
  volatile String lastWriteError = "";
  volatile String lastFatalError = "";

  public long linesBuffered() {
    return linesBuffered;
  }

  public long lateLines() {
    return lateLines;
  }

  public long membersWritten() {
    return membersWritten;
  }

  public long rawBytesCompressed() {
    return rawBytesCompressed;
  }

  public long gzipBytesProduced() {
    return gzipBytesProduced;
  }

  /** Uncompressed / compressed bytes of all members so far, x100 (gauges are longs). */
  public long compressionRatioPercent() {
    long gz = gzipBytesProduced;
    return gz == 0 ? 0 : rawBytesCompressed * 100 / gz;
  }

  public long hdfsWrites() {
    return hdfsWrites;
  }

  public long hdfsBytesWritten() {
    return hdfsBytesWritten;
  }

  public long hdfsWriteFailures() {
    return hdfsWriteFailures;
  }

  /**
   * Failures that will not heal by themselves (permission, quota, invalid path); retried at the
   * maximum backoff.
   */
  public long hdfsFatalFailures() {
    return hdfsFatalFailures;
  }

  public String lastFatalError() {
    return lastFatalError;
  }

  public long filesFinished() {
    return filesFinished;
  }

  public long pressureEvents() {
    return pressureEvents;
  }

  public int openTargets() {
    return openTargets;
  }

  public long level1Bytes() {
    return level1Bytes;
  }

  public long level2Bytes() {
    return level2Bytes;
  }

  public long inFlightBytes() {
    return inFlightBytes;
  }

  public long oldestUnflushedAgeMillis() {
    return oldestUnflushedAgeMillis;
  }

  public String lastWriteError() {
    return lastWriteError;
  }

  /** Runner thread: a member came back from compression. */
  void memberCompressed(Member m) {
    rawBytesCompressed += m.rawBytes;
    gzipBytesProduced += m.gzip.length;
    membersWritten++;
  }

  /** Runner thread: an HDFS write failed; {@code fatal}: it will not heal by itself. */
  void writeFailed(String error, boolean fatal) {
    hdfsWriteFailures++;
    lastWriteError = brief(error);
    if (fatal) {
      hdfsFatalFailures++;
      lastFatalError = lastWriteError;
    }
  }

  /**
   * Longest error text kept: Hadoop's connection errors run to many hundreds of characters with
   * their wiki links.
   */
  static final int MAX_ERROR_CHARS = 500;

  /**
   * The error text as the gauges show it: whole up to {@link #MAX_ERROR_CHARS}, else cut and ending
   * in "...".
   */
  static String brief(String error) {
    return error.length() <= MAX_ERROR_CHARS
        ? error
        : error.substring(0, MAX_ERROR_CHARS - 3) + "...";
  }
}
