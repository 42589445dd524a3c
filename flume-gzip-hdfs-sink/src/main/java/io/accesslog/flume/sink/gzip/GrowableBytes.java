package io.accesslog.flume.sink.gzip;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that is reused instead of reallocated: the level-1 buffer of lines waiting
 * to be compressed, and the level-2 buffer of finished gzip members waiting to be appended to HDFS.
 *
 * <p>{@link #clear()} keeps the capacity, so a buffer that is filled and drained over and over
 * stops allocating once it has reached its working size. Data always starts at index 0 of the
 * backing array, which is what the ISA-L deflater needs (it ignores input offsets).
 *
 * <p>Not thread-safe: one owner thread at a time.
 */
public final class GrowableBytes {

  /** Some JVMs reserve header words in arrays; larger requests can fail even with free heap. */
  static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private byte[] buf;
  private int size;

  /** Creates an empty buffer with the given initial capacity (it grows as needed). */
  public GrowableBytes(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity must be >= 0, was " + initialCapacity);
    }
    this.buf = new byte[initialCapacity];
  }

  /** Number of bytes held. */
  public int size() {
    return size;
  }

  /** Current capacity of the backing array (for sizing decisions and tests). */
  public int capacity() {
    return buf.length;
  }

  /** Appends {@code len} bytes of {@code src} starting at {@code off}. */
  public void append(byte[] src, int off, int len) {
    checkRange(src.length, off, len);
    ensureFree(len);
    System.arraycopy(src, off, buf, size, len);
    size += len;
  }

  /** Appends one byte. */
  public void append(int b) {
    ensureFree(1);
    buf[size++] = (byte) b;
  }

  /** Forgets the content but keeps the capacity. */
  public void clear() {
    size = 0;
  }

  /** Writes the content to {@code out}; the buffer is left unchanged. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, size);
  }

  /** Returns a copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** The backing array; valid until the next call that may grow the buffer. */
  byte[] array() {
    return buf;
  }

  /** Makes room for at least {@code n} more bytes after {@link #size()}. */
  void ensureFree(int n) {
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
    // Doubling keeps the number of copies logarithmic in the final size.
    long doubled = Math.max(16L, (long) buf.length * 2);
    buf = Arrays.copyOf(buf, (int) Math.min(MAX_CAPACITY, Math.max(needed, doubled)));
  }

  /** Marks {@code n} bytes written directly into {@link #array()} after {@link #size()} as held. */
  void advance(int n) {
    if (n < 0 || (long) size + n > buf.length) {
      throw new IllegalArgumentException(
          "cannot advance by " + n + " (size " + size + ", capacity " + buf.length + ")");
    }
    size += n;
  }

  /** Drops everything after the first {@code newSize} bytes (used to undo a partial member). */
  void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate to " + newSize + " (size " + size + ")");
    }
    size = newSize;
  }

  static void checkRange(int arrayLength, int off, int len) {
    if (off < 0 || len < 0 || off > arrayLength - len) {
      throw new IndexOutOfBoundsException(
          "off " + off + ", len " + len + ", array length " + arrayLength);
    }
  }
}
