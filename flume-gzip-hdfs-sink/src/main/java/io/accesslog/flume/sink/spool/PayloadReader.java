package io.accesslog.flume.sink.spool;

/**
 * Bounds-checked cursor over a decoded block payload. Every read checks the limit, so a payload
 * that passed its CRC but is malformed (a bug or a foreign file) fails with a clear reason instead
 * of an index exception deep in the replay.
 */
final class PayloadReader {
  private final byte[] bytes;
  private int pos;
  private final int limit;

  PayloadReader(byte[] bytes, int pos, int limit) {
    this.bytes = bytes;
    this.pos = pos;
    this.limit = limit;
  }

  int position() {
    return pos;
  }

  int readInt() throws CorruptBlockException {
    require(4, "int");
    int v = BlockBytes.getInt(bytes, pos);
    pos += 4;
    return v;
  }

  /** Reads an unsigned varint that must fit a non-negative int. */
  int readVarint() throws CorruptBlockException {
    int value = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      if (pos >= limit) {
        throw new CorruptBlockException("payload ends inside a varint at payload offset " + pos);
      }
      int b = bytes[pos++];
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (value < 0) {
          throw new CorruptBlockException("negative varint at payload offset " + (pos - 1));
        }
        return value;
      }
    }
    throw new CorruptBlockException("varint longer than 5 bytes at payload offset " + pos);
  }

  /** Skips {@code n} bytes and returns the offset where they start. */
  int skip(int n, String what) throws CorruptBlockException {
    require(n, what);
    int start = pos;
    pos += n;
    return start;
  }

  private void require(int n, String what) throws CorruptBlockException {
    if (n < 0 || n > limit - pos) {
      throw new CorruptBlockException(
          "payload too short for "
              + what
              + " of "
              + n
              + " bytes at payload offset "
              + pos
              + " (payload length "
              + limit
              + ")");
    }
  }
}
