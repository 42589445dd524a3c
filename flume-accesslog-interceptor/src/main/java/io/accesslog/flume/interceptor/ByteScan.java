package io.accesslog.flume.interceptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time, on a little-endian long view of the array: the delimiter
 * search of the nginx scanner (the interceptor's and the query tool's hottest loop), the query
 * tool's newline and literal searches, and the ASCII run of the UTF-8 check. Java 8 bytecode (the
 * plugins load in every JVM Flume 1.11 runs on), so the view is a {@link ByteBuffer}: the JIT turns
 * its {@code getLong} into one load and removes the wrapper.
 *
 * <p>The match test is the "has a zero byte" trick on {@code word ^ pattern}: {@code (x - 0x01..) &
 * ~x & 0x80..} sets the high bit of every zero byte of {@code x} and may set false ones only above
 * a true one, so its lowest set bit is exact.
 *
 * <p>In the query tool (Java 17, which asks for it) the one-byte search is the JDK's own vectorized
 * one instead, see {@link JdkByteSearch}; {@link #firstNonAscii} always uses the loop here.
 */
public final class ByteScan {
  private static final long LOW = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  private ByteScan() {}

  /**
   * Whether the one-byte searches (and so the literal searches, which look for their first byte)
   * use the JDK's vectorized search instead of the loop here: only where asked for, see {@link
   * JdkByteSearch}. The query tool asks; the plugins do not.
   */
  public static boolean usesJdkSearch() {
    return JdkByteSearch.ON;
  }

  /** Empty when {@link #usesJdkSearch()}, else why not. */
  public static String jdkSearchStatus() {
    return JdkByteSearch.status();
  }

  /** A little-endian long view of {@code b}, for the {@code *In} methods. */
  public static ByteBuffer view(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Index of the first {@code target} in {@code b[from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte target) {
    return indexOfIn(view(b), b, from, to, target);
  }

  /**
   * As {@link #indexOf(byte[], int, int, byte)} with {@code words}, a {@link #view} of {@code b}.
   */
  public static int indexOfIn(ByteBuffer words, byte[] b, int from, int to, byte target) {
    if (JdkByteSearch.ON) {
      return JdkByteSearch.indexOf(b, from, to, target);
    }
    long pattern = (target & 0xffL) * LOW;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = words.getLong(i) ^ pattern;
      long found = (x - LOW) & ~x & HIGH;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first occurrence of {@code literal} (not empty) in {@code b[from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte[] literal) {
    return indexOfIn(view(b), b, from, to, literal);
  }

  /**
   * As {@link #indexOf(byte[], int, int, byte[])} with {@code words}, a {@link #view} of {@code b}.
   */
  public static int indexOfIn(ByteBuffer words, byte[] b, int from, int to, byte[] literal) {
    byte first = literal[0];
    int last = to - literal.length;
    int i = from;
    while (i <= last) {
      int at = indexOfIn(words, b, i, last + 1, first);
      if (at < 0) {
        return -1;
      }
      if (restMatches(b, at, literal)) {
        return at;
      }
      i = at + 1;
    }
    return -1;
  }

  /** Whether {@code b} holds {@code literal} at {@code at}, its first byte known to match. */
  private static boolean restMatches(byte[] b, int at, byte[] literal) {
    int k = 1;
    while (k < literal.length && b[at + k] == literal[k]) {
      k++;
    }
    return k == literal.length;
  }

  /** Index of the first byte >= 0x80 in {@code b[from, to)}, or {@code to} if all are ASCII. */
  static int firstNonAscii(byte[] b, int from, int to) {
    ByteBuffer words = view(b);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long high = words.getLong(i) & HIGH;
      if (high != 0) {
        return i + (Long.numberOfTrailingZeros(high) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return i;
      }
    }
    return to;
  }
}
