package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;

/**
 * The spool block format's numbers: unsigned LEB128 varints and big-endian fixed-width ints, read
 * from and written to byte arrays or appended to accesslog-core's {@link GrowableBytes} (the spool
 * keeps one per role, batch payload and block output, for the life of the writer, so a steady
 * stream of batches allocates nothing once the buffers reached their working size).
 */
final class BlockBytes {
  /** The longest varint of an int. */
  static final int MAX_VARINT_BYTES = 5;

  private BlockBytes() {}

  /** Appends {@code value} as an unsigned varint. */
  static void appendVarint(GrowableBytes out, int value) {
    out.ensureFree(MAX_VARINT_BYTES);
    int size = out.size();
    out.advance(putVarint(out.array(), size, value) - size);
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
