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
 */
public final class ByteScan {
  private static final long LOW = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  private ByteScan() {}

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

  /**
   * Index of the first occurrence of {@code literal} (not empty, without the byte {@code stop}) in
   * {@code b[from, to)} that comes before the first {@code stop} byte, or -1 when a {@code stop}
   * byte or the end comes first: a search inside a line whose end ({@code stop = '\n'}) is not
   * known yet. One pass finds both bytes: the lowest of two exact lowest match bits is exact.
   */
  public static int indexOfBeforeIn(
      ByteBuffer words, byte[] b, int from, int to, byte[] literal, byte stop) {
    int i = from;
    while (true) {
      int at = indexOfEitherIn(words, b, i, to, literal[0], stop);
      if (at < 0 || b[at] == stop || at + literal.length > to) {
        return -1;
      }
      if (restMatches(b, at, literal)) {
        return at;
      }
      i = at + 1;
    }
  }

  /** Index of the first {@code a} or {@code c} in {@code b[from, to)}, or -1. */
  private static int indexOfEitherIn(ByteBuffer words, byte[] b, int from, int to, byte a, byte c) {
    long as = (a & 0xffL) * LOW;
    long cs = (c & 0xffL) * LOW;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = words.getLong(i);
      long x = w ^ as;
      long y = w ^ cs;
      long found = ((x - LOW) & ~x | (y - LOW) & ~y) & HIGH;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == a || b[i] == c) {
        return i;
      }
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
