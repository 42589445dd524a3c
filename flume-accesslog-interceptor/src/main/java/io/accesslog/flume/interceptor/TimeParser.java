package io.accesslog.flume.interceptor;

/**
 * Reads an event time from a field value. Returns {@link #INVALID} rather than throwing, because a
 * bad time is an ordinary outcome on the hot path, not an exceptional one. Thread-safe.
 */
interface TimeParser {
  long INVALID = Long.MIN_VALUE;

  /** Epoch milliseconds of {@code b[from, to)}, or {@link #INVALID}. */
  long parse(byte[] b, int from, int to);
}
