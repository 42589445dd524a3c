package io.accesslog.flume.sink.route;

/** Whether the event's own time chose the hour bucket, and if not, why ingestion time did. */
public enum TimestampFallback {
  /** The {@code timestamp} header was used. */
  NONE,
  /** No {@code timestamp} header. */
  MISSING,
  /** Not a plain decimal number of epoch millis (empty, signs, spaces, letters, overflow). */
  UNPARSEABLE,
  /** A negative number: before 1970, certainly a bug upstream. */
  NEGATIVE,
  /** After 9999-12-31T23:59:59.999Z: would render five-digit years. */
  OUT_OF_RANGE;

  /** Latest accepted event time, 9999-12-31T23:59:59.999Z. */
  static final long MAX_MILLIS = 253_402_300_799_999L;

  private static final TimestampFallback[] VALUES = values();

  /**
   * Parses epoch millis without allocating or throwing (exceptions cost microseconds). Returns the
   * millis, or {@code -(ordinal)} of the fallback reason, always negative.
   */
  static long parse(String s) {
    if (s == null) {
      return -MISSING.ordinal();
    }
    int n = s.length();
    int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (n == start || n - start > 19) {
      return -UNPARSEABLE.ordinal();
    }
    long v = 0;
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -UNPARSEABLE.ordinal();
      }
      v = v * 10 + (c - '0');
      if (v < 0) {
        return -UNPARSEABLE.ordinal();
      }
    }
    if (start == 1) {
      return v == 0 ? 0 : -NEGATIVE.ordinal();
    }
    return v > MAX_MILLIS ? -OUT_OF_RANGE.ordinal() : v;
  }

  /** The reason encoded by a negative {@link #parse} result. */
  static TimestampFallback ofCode(long code) {
    return VALUES[(int) -code];
  }
}
