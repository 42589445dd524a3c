package io.accesslog.flume.interceptor;

import java.util.Arrays;

/**
 * Remembers the sanitized value of recently seen byte ranges, so a field that repeats from line to
 * line (an app's host name, a status) costs one hash and one compare instead of a new String: the
 * same String instance goes into every event's header, which also spares the sink re-hashing it.
 *
 * <p>Direct-mapped, fixed size, never resized: a collision replaces the older entry. Entries are
 * immutable and published through a plain array, so concurrent callers see a whole entry or a miss,
 * never a torn one; a miss only means the value is computed again.
 */
final class ValueInterner {
  /** A value longer than this is not remembered (it would only churn the table). */
  static final int MAX_BYTES = 128;

  interface Compute {
    String apply(byte[] bytes, int from, int to);
  }

  private static final class Entry {
    final byte[] raw;
    final String value;

    Entry(byte[] raw, String value) {
      this.raw = raw;
      this.value = value;
    }
  }

  private final Entry[] table;
  private final int mask;

  ValueInterner(int slots) {
    if (slots < 1 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, was " + slots);
    }
    this.table = new Entry[slots];
    this.mask = slots - 1;
  }

  /**
   * The value {@code compute} gives for {@code bytes[from, to)}, remembered for the next caller.
   */
  String get(byte[] bytes, int from, int to, Compute compute) {
    int n = to - from;
    if (n > MAX_BYTES || n <= 0) {
      return compute.apply(bytes, from, to);
    }
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    int slot = (h ^ (h >>> 16)) & mask;
    Entry e = table[slot];
    if (e != null && e.raw.length == n && equalRange(e.raw, bytes, from)) {
      return e.value;
    }
    String value = compute.apply(bytes, from, to);
    if (value != null) {
      table[slot] = new Entry(Arrays.copyOfRange(bytes, from, to), value);
    }
    return value;
  }

  private static boolean equalRange(byte[] raw, byte[] bytes, int from) {
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != bytes[from + i]) {
        return false;
      }
    }
    return true;
  }
}
