package io.accesslog.flume.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The one growable byte array: bytes appended at the end, a backing array that grows by doubling
 * and is reused instead of reallocated. The gzip HDFS sink fills it with lines waiting to be
 * compressed, finished gzip members waiting for HDFS, and spool blocks.
 *
 * <p>{@link #clear()} keeps the capacity, so a buffer that is filled and drained over and over
 * stops allocating once it has reached its working size. Data always starts at index 0 of the
 * backing array ({@link #array()}), which is what the ISA-L deflater needs (it ignores input
 * offsets) and lets callers write into the array directly: {@link #ensureFree} first, then {@link
 * #advance} by what they wrote.
 *
 * <p>Not thread-safe: one owner thread at a time.
 */
public final class GrowableBytes {

  /** Some JVMs reserve header words in arrays; larger requests can fail even with free heap. */
  public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private byte[] buf;
  private int size;

  /** Creates an empty buffer with the given initial capacity (it grows as needed). */
  public GrowableBytes(int initialCapacity) {
    if (initialCapacity < 0 || initialCapacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "initialCapacity must be in [0, " + MAX_CAPACITY + "], was " + initialCapacity);
    }
    this.buf = new byte[initialCapacity];
  }

  /** Number of bytes held. */
  public int size() {
    return size;
  }

  /** Current capacity of the backing array (for memory budgets, sizing decisions and tests). */
  public int capacity() {
    return buf.length;
  }

  /**
   * The backing array: the content is {@code array()[0, size())}. Valid until the next call that
   * may grow the buffer.
   */
  public byte[] array() {
    return buf;
  }

  /** Appends {@code len} bytes of {@code src} starting at {@code off}. */
  public void append(byte[] src, int off, int len) {
    checkRange(src.length, off, len);
    ensureFree(len);
    System.arraycopy(src, off, buf, size, len);
    size += len;
  }

  /** Appends one byte (the low 8 bits of {@code b}). */
  public void append(int b) {
    ensureFree(1);
    buf[size++] = (byte) b;
  }

  /** Forgets the content but keeps the capacity. */
  public void clear() {
    size = 0;
  }

  /**
   * Empties the buffer and returns its backing array, at least {@code capacity} bytes long: a new
   * array when the old one is too short, without copying content nobody wants any more.
   */
  public byte[] clearAndReserve(int capacity) {
    if (capacity < 0 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be in [0, " + MAX_CAPACITY + "], was " + capacity);
    }
    size = 0;
    if (buf.length < capacity) {
      buf = new byte[capacity];
    }
    return buf;
  }

  /** Writes the content to {@code out}; the buffer is left unchanged. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, size);
  }

  /** Returns a copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * Makes room for at least {@code n} more bytes after {@link #size()}, keeping the content. Grows
   * to at least double the capacity, so the number of copies stays logarithmic in the final size.
   *
   * @throws IllegalStateException when the content would pass {@link #MAX_CAPACITY}
   */
  public void ensureFree(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    long needed = (long) size + n;
    if (needed <= buf.length) {
      return;
    }
    if (needed > MAX_CAPACITY) {
      throw new IllegalStateException(
          "buffer cannot grow to "
              + needed
              + " bytes (max "
              + MAX_CAPACITY
              + "); flush smaller batches");
    }
    long doubled = Math.max(16L, (long) buf.length * 2);
    buf = Arrays.copyOf(buf, (int) Math.min(MAX_CAPACITY, Math.max(needed, doubled)));
  }

  /** Marks {@code n} bytes written directly into {@link #array()} after {@link #size()} as held. */
  public void advance(int n) {
    if (n < 0 || (long) size + n > buf.length) {
      throw new IllegalArgumentException(
          "cannot advance by " + n + " (size " + size + ", capacity " + buf.length + ")");
    }
    size += n;
  }

  /** Drops everything after the first {@code newSize} bytes (e.g. to undo a partial write). */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate to " + newSize + " (size " + size + ")");
    }
    size = newSize;
  }

  /**
   * Checks that {@code [off, off + len)} lies inside an array of {@code arrayLength} bytes.
   *
   * @throws IndexOutOfBoundsException naming the offending numbers
   */
  public static void checkRange(int arrayLength, int off, int len) {
    if (off < 0 || len < 0 || off > arrayLength - len) {
      throw new IndexOutOfBoundsException(
          "off " + off + ", len " + len + ", array length " + arrayLength);
    }
  }
}
