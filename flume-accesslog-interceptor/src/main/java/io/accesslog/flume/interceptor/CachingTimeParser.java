package io.accesslog.flume.interceptor;

/**
 * Remembers the last value parsed and its result. Access logs arrive roughly in time order with
 * many lines per second, so consecutive lines mostly carry the same second and the parse becomes a
 * short byte compare. Only valid results are cached.
 *
 * <p>Thread-safe without locks: the cached entry is immutable and published through a final-field
 * object, so a racing reader sees either an old or a new complete entry; a lost update only costs
 * one extra parse.
 */
final class CachingTimeParser implements TimeParser {
  private static final class Entry {
    final byte[] key;
    final long millis;

    Entry(byte[] key, long millis) {
      this.key = key;
      this.millis = millis;
    }
  }

  private final TimeParser delegate;
  private Entry last = new Entry(new byte[0], INVALID);

  CachingTimeParser(TimeParser delegate) {
    this.delegate = delegate;
  }

  @Override
  public long parse(byte[] b, int from, int to) {
    Entry e = last;
    if (matches(e.key, b, from, to)) {
      return e.millis;
    }
    long millis = delegate.parse(b, from, to);
    if (millis != INVALID) {
      byte[] key = new byte[to - from];
      System.arraycopy(b, from, key, 0, key.length);
      last = new Entry(key, millis);
    }
    return millis;
  }

  private static boolean matches(byte[] key, byte[] b, int from, int to) {
    if (key.length != to - from || key.length == 0) {
      return false;
    }
    // Compare from the end: the seconds digits are what usually changes.
    for (int i = key.length - 1; i >= 0; i--) {
      if (key[i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }
}
