package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;

/**
 * The fixed parts of a gzip member (RFC 1952) around a raw deflate stream.
 *
 * <p>We write the header by hand rather than use {@code GZIPOutputStream} so one deflater can be
 * reused for every member and the output goes straight into a reused buffer. The header carries no
 * optional fields: every reader handles the 10-byte form, and a file name or a modification time
 * would differ member by member for no reader's benefit.
 */
final class GzipFormat {

  static final int HEADER_LENGTH = 10;
  static final int TRAILER_LENGTH = 8;

  static final int ID1 = 0x1f;
  static final int ID2 = 0x8b;
  static final int CM_DEFLATE = 8;

  /** OS byte "unknown": the bytes do not depend on the OS that wrote them. */
  static final int OS_UNKNOWN = 255;

  /** XFL values from RFC 1952: a hint for readers, ignored by every decoder we know. */
  static final int XFL_MAX_COMPRESSION = 2;

  static final int XFL_FASTEST = 4;

  private GzipFormat() {}

  /** Appends the 10-byte header: no flags, MTIME 0, XFL from the level, OS unknown. */
  static void writeHeader(GrowableBytes out, int level) {
    out.ensureFree(HEADER_LENGTH);
    out.append(ID1);
    out.append(ID2);
    out.append(CM_DEFLATE);
    out.append(0); // FLG: no FTEXT, FHCRC, FEXTRA, FNAME, FCOMMENT
    out.append(0); // MTIME: 0 means "not available"
    out.append(0);
    out.append(0);
    out.append(0);
    out.append(extraFlags(level));
    out.append(OS_UNKNOWN);
  }

  /** Appends the 8-byte trailer: CRC-32 then ISIZE, both little-endian. */
  static void writeTrailer(GrowableBytes out, int crc32, long uncompressedLength) {
    out.ensureFree(TRAILER_LENGTH);
    writeIntLe(out, crc32);
    writeIntLe(out, isize(uncompressedLength));
  }

  /** ISIZE is the uncompressed length modulo 2^32 (RFC 1952), so it wraps for 4 GiB and more. */
  static int isize(long uncompressedLength) {
    if (uncompressedLength < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + uncompressedLength);
    }
    return (int) (uncompressedLength & 0xffffffffL);
  }

  static int extraFlags(int level) {
    if (level == 1) {
      return XFL_FASTEST;
    }
    return level == 9 ? XFL_MAX_COMPRESSION : 0;
  }

  private static void writeIntLe(GrowableBytes out, int v) {
    out.append(v);
    out.append(v >>> 8);
    out.append(v >>> 16);
    out.append(v >>> 24);
  }
}
