package io.accesslog.flume.tool.scan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte search eight bytes at a time (the classic "has zero byte" bit trick on a long view of the array). */
final class ByteSearch {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  private ByteSearch() {}

  /** Index of the first {@code target} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = (target & 0xffL) * LOW;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
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

  /** Whether {@code b[from, to)} contains {@code literal} (not empty). */
  static boolean contains(byte[] b, int from, int to, byte[] literal) {
    byte first = literal[0];
    int last = to - literal.length;
    int i = from;
    while (i <= last) {
      int at = indexOf(b, i, last + 1, first);
      if (at < 0) {
        return false;
      }
      int k = 1;
      while (k < literal.length && b[at + k] == literal[k]) {
        k++;
      }
      if (k == literal.length) {
        return true;
      }
      i = at + 1;
    }
    return false;
  }
}
