package io.accesslog.flume.sink.buffer;

/**
 * Pads each write so the file ends on an HDFS checksum-chunk boundary ({@code
 * dfs.bytes-per-checksum}, 512 by default), with an empty gzip member of the exact size needed.
 *
 * <p><b>Why.</b> A DataNode writes an appended packet's data, then its checksums. Killed in between
 * (a crash, a power cut, the whole cluster going down), it brings the replica back cut to the start
 * of the last chunk whose checksum does not match. When the file ended inside a chunk before the
 * append, that chunk also held bytes of earlier, closed and synced writes: they are cut too, the
 * file ends inside a gzip member, and the lines of that member are gone from HDFS after the spool
 * let them go. A write that ends on a chunk boundary leaves the next append only new chunks to
 * tear; a torn append then cuts back to at least the length before it, which {@link AppendCheck}
 * repairs.
 *
 * <p>The padding is a valid empty gzip member: a header with an extra field (RFC 1952 FEXTRA,
 * subfield {@code AP}) filling the gap, an empty deflate block, and the trailer of nothing. Every
 * gzip reader skips it (zlib, Hadoop's codecs, the JDK, this project's tool) and it decodes to no
 * bytes. It costs {@value #MIN_SIZE} to {@code alignment + MIN_SIZE - 1} bytes per HDFS write
 * (writes are ~5 MB). Pure.
 */
public final class ChunkPadding {
  /** Header 10, XLEN 2, subfield header 4, empty fixed-Huffman block 2, trailer 8. */
  public static final int MIN_SIZE = 26;

  /** The largest chunk size padded for: the extra field holds at most 65535 bytes. */
  public static final int MAX_ALIGNMENT = 32_768;

  private ChunkPadding() {}

  /**
   * Bytes of padding that bring {@code length} to a multiple of {@code alignment}: 0 when it is one
   * already or {@code alignment} is 1, else at least {@link #MIN_SIZE}.
   */
  public static int paddingFor(long length, int alignment) {
    if (alignment < 1 || alignment > MAX_ALIGNMENT) {
      throw new IllegalArgumentException(
          "alignment must be 1 to " + MAX_ALIGNMENT + " bytes, was " + alignment);
    }
    int rest = (int) (length % alignment);
    if (rest == 0) {
      return 0;
    }
    int pad = alignment - rest;
    while (pad < MIN_SIZE) {
      pad += alignment;
    }
    return pad;
  }

  /** An empty gzip member of exactly {@code size} bytes ({@link #MIN_SIZE} or more). */
  public static byte[] member(int size) {
    int subfield = size - MIN_SIZE;
    if (subfield < 0 || subfield + 4 > 0xffff) {
      throw new IllegalArgumentException(
          "a padding member is " + MIN_SIZE + " to " + (0xffff + 22) + " bytes, not " + size);
    }
    byte[] m = new byte[size];
    m[0] = 0x1f;
    m[1] = (byte) 0x8b;
    m[2] = 8; // deflate
    m[3] = 4; // FLG: FEXTRA
    // MTIME 0 (4 bytes), XFL 0
    m[9] = (byte) 255; // OS unknown
    int xlen = subfield + 4;
    m[10] = (byte) xlen;
    m[11] = (byte) (xlen >>> 8);
    m[12] = 'A';
    m[13] = 'P';
    m[14] = (byte) subfield;
    m[15] = (byte) (subfield >>> 8);
    // subfield data: zeros
    int deflate = 16 + subfield;
    m[deflate] = 3; // BFINAL 1, BTYPE 01 (fixed Huffman), end-of-block code
    m[deflate + 1] = 0;
    // trailer: CRC-32 0 and ISIZE 0 (of no bytes)
    return m;
  }
}
