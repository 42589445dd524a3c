package io.accesslog.flume.tool.gzip;

import java.io.IOException;

/**
 * Parses a gzip member header (RFC 1952 section 2.3) out of an {@link InputWindow}. One instance
 * per reader, reused for every member: {@link #parse} returns where the deflate data starts, or -1
 * with {@link #failure} saying why.
 */
final class GzipHeader {
  static final int ID1 = 0x1f;
  static final int ID2 = 0x8b;
  static final int CM_DEFLATE = 8;
  private static final int FHCRC = 2;
  static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  /** The last parsed header's FLG byte. */
  int flags;

  /** Why the last {@link #parse} failed. */
  String failure;

  /** The offset of the deflate data of the member at {@code pos}, or -1 with {@link #failure}. */
  long parse(InputWindow w, long pos) throws IOException {
    if (!w.ensure(pos, 10)) {
      failure = w.truncated(pos, "gzip header");
      return -1;
    }
    byte[] in = w.buf;
    int h = (int) (pos - w.start);
    if ((in[h] & 0xff) != ID1 || (in[h + 1] & 0xff) != ID2) {
      failure = "not a gzip member (no 1f 8b magic)";
      return -1;
    }
    if (in[h + 2] != CM_DEFLATE) {
      failure = "unknown compression method " + (in[h + 2] & 0xff);
      return -1;
    }
    flags = in[h + 3] & 0xff;
    if ((flags & 0xe0) != 0) {
      failure = "reserved gzip header flags set";
      return -1;
    }
    long p = pos + 10;
    if ((flags & FEXTRA) != 0) {
      if (!w.ensure(p, 2)) {
        failure = w.truncated(pos, "gzip header");
        return -1;
      }
      int i = (int) (p - w.start);
      int xlen = (in[i] & 0xff) | (in[i + 1] & 0xff) << 8;
      p += 2 + xlen;
    }
    if ((flags & FNAME) != 0) {
      p = skipZeroTerminated(w, pos, p);
    }
    if ((flags & FCOMMENT) != 0 && p >= 0) {
      p = skipZeroTerminated(w, pos, p);
    }
    if ((flags & FHCRC) != 0 && p >= 0) {
      p += 2;
    }
    return p;
  }

  /** The offset after the zero byte that ends the field at {@code p}, or -1. */
  private long skipZeroTerminated(InputWindow w, long pos, long from) throws IOException {
    long p = from;
    while (true) {
      if (!w.ensure(p, 1)) {
        failure = w.truncated(pos, "gzip header");
        return -1;
      }
      byte b = w.buf[(int) (p - w.start)];
      p++;
      if (b == 0) {
        return p;
      }
    }
  }
}
