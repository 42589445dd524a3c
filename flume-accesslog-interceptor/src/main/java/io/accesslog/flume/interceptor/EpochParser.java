package io.accesslog.flume.interceptor;

/**
 * Numeric epoch times: seconds with an optional fraction (nginx {@code $msec} is {@code
 * 1760075736.123}; extra fraction digits are truncated to the millisecond) or whole milliseconds.
 * At most 15 integer digits, which keeps the arithmetic far from overflow; absurd values are left
 * to the time window check.
 */
final class EpochParser implements TimeParser {
  private static final int MAX_DIGITS = 15;
  private final boolean millis;

  private EpochParser(boolean millis) {
    this.millis = millis;
  }

  static EpochParser seconds() {
    return new EpochParser(false);
  }

  static EpochParser millis() {
    return new EpochParser(true);
  }

  @Override
  public long parse(byte[] b, int from, int to) {
    int i = from;
    long whole = 0;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      whole = whole * 10 + (b[i] - '0');
      i++;
    }
    int intDigits = i - from;
    if (intDigits == 0 || intDigits > MAX_DIGITS) {
      return INVALID;
    }
    if (millis) {
      return i == to ? whole : INVALID;
    }
    long fraction = 0;
    if (i < to) {
      if (b[i] != '.' || i + 1 == to) {
        return INVALID;
      }
      i++;
      int scale = 100;
      for (; i < to; i++) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          return INVALID;
        }
        fraction += d * scale;
        scale /= 10;
      }
    }
    return whole * 1000L + fraction;
  }
}
