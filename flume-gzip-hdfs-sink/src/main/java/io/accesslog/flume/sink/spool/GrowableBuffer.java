package io.accesslog.flume.sink.spool;

import java.util.Arrays;

/**
 * A reusable, growable byte array with unsigned LEB128 varints. The spool keeps one per role (batch
 * payload, block output) for the life of the writer, so a steady stream of batches allocates
 * nothing once the buffers reached their working size.
 */
final class GrowableBuffer {
  private byte[] bytes;
  private int size;

  GrowableBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** Makes {@code n} bytes from the current size writable, keeping the content. */
  void ensureWritable(int n) {
    long needed = (long) size + n;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("buffer cannot grow beyond 2 GiB (needed " + needed + ")");
      }
      long grown = Math.max(needed, Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 8));
      bytes = Arrays.copyOf(bytes, (int) grown);
    }
  }

  /** Ensures a capacity of at least {@code n} bytes in total; the content may be discarded. */
  byte[] ensureCapacityDiscarding(int n) {
    if (bytes.length < n) {
      bytes = new byte[n];
    }
    return bytes;
  }

  void setSize(int size) {
    this.size = size;
  }

  void write(byte[] src, int off, int len) {
    ensureWritable(len);
    System.arraycopy(src, off, bytes, size, len);
    size += len;
  }

  void writeVarint(int value) {
    ensureWritable(5);
    size = putVarint(bytes, size, value);
  }

  /** {@link #writeVarint} without the capacity check: call {@link #ensureWritable} first. */
  void putVarintUnchecked(int value) {
    size = putVarint(bytes, size, value);
  }

  /** {@link #write} without the capacity check: call {@link #ensureWritable} first. */
  void putUnchecked(byte[] src, int off, int len) {
    System.arraycopy(src, off, bytes, size, len);
    size += len;
  }

  void writeIntAt(int pos, int value) {
    putInt(bytes, pos, value);
  }

  /** Writes {@code value} as an unsigned varint at {@code pos}; returns the next position. */
  static int putVarint(byte[] dst, int pos, int value) {
    while ((value & ~0x7F) != 0) {
      dst[pos++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    dst[pos++] = (byte) value;
    return pos;
  }

  static void putInt(byte[] dst, int pos, int v) {
    dst[pos] = (byte) (v >>> 24);
    dst[pos + 1] = (byte) (v >>> 16);
    dst[pos + 2] = (byte) (v >>> 8);
    dst[pos + 3] = (byte) v;
  }

  static void putLong(byte[] dst, int pos, long v) {
    putInt(dst, pos, (int) (v >>> 32));
    putInt(dst, pos + 4, (int) v);
  }

  static int getInt(byte[] src, int pos) {
    return ((src[pos] & 0xFF) << 24)
        | ((src[pos + 1] & 0xFF) << 16)
        | ((src[pos + 2] & 0xFF) << 8)
        | (src[pos + 3] & 0xFF);
  }

  static long getLong(byte[] src, int pos) {
    return ((long) getInt(src, pos) << 32) | (getInt(src, pos + 4) & 0xFFFFFFFFL);
  }
}
