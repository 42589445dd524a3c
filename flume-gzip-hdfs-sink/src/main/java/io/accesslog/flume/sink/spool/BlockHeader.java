package io.accesslog.flume.sink.spool;

import java.util.zip.CRC32;

/**
 * The fixed 36-byte header in front of every block (big-endian):
 *
 * <pre>
 *  0  int   magic 0x414C5342 ("ALSB")
 *  4  byte  format version (1)
 *  5  byte  codec: 0 = stored, 1 = LZ4 block
 *  6  short reserved, 0
 *  8  long  sequence number of the first record
 * 16  int   record count (&gt; 0)
 * 20  int   uncompressed payload length
 * 24  int   stored payload length (bytes following the header)
 * 28  int   CRC32 of the stored payload
 * 32  int   CRC32 of header bytes 0..31
 * </pre>
 *
 * The header has its own CRC so the scan can trust the lengths (and thus find the next block) even
 * when the payload is damaged.
 */
final class BlockHeader {
  static final int SIZE = 36;
  static final int MAGIC = 0x414C5342;
  static final byte VERSION = 1;
  static final byte CODEC_STORED = 0;
  static final byte CODEC_LZ4 = 1;

  /**
   * Sanity bound for both payload lengths. Far above any real batch (10,000 lines are ~2.4 MB) but
   * keeps a damaged header from making the reader allocate gigabytes.
   */
  static final int MAX_PAYLOAD = 256 << 20;

  final byte codec;
  final long firstSeq;
  final int recordCount;
  final int uncompressedLength;
  final int storedLength;
  final int payloadCrc;

  private BlockHeader(
      byte codec,
      long firstSeq,
      int recordCount,
      int uncompressedLength,
      int storedLength,
      int payloadCrc) {
    this.codec = codec;
    this.firstSeq = firstSeq;
    this.recordCount = recordCount;
    this.uncompressedLength = uncompressedLength;
    this.storedLength = storedLength;
    this.payloadCrc = payloadCrc;
  }

  long endSeq() {
    return firstSeq + recordCount;
  }

  /** Writes a complete header, computing the header CRC; {@code crc} is reset and reused. */
  static void write(
      byte[] dst,
      int off,
      byte codec,
      long firstSeq,
      int recordCount,
      int uncompressedLength,
      int storedLength,
      int payloadCrc,
      CRC32 crc) {
    BlockBytes.putInt(dst, off, MAGIC);
    dst[off + 4] = VERSION;
    dst[off + 5] = codec;
    dst[off + 6] = 0;
    dst[off + 7] = 0;
    BlockBytes.putLong(dst, off + 8, firstSeq);
    BlockBytes.putInt(dst, off + 16, recordCount);
    BlockBytes.putInt(dst, off + 20, uncompressedLength);
    BlockBytes.putInt(dst, off + 24, storedLength);
    BlockBytes.putInt(dst, off + 28, payloadCrc);
    crc.reset();
    crc.update(dst, off, 32);
    BlockBytes.putInt(dst, off + 32, (int) crc.getValue());
  }

  /**
   * Parses and validates a header.
   *
   * @throws UnsupportedVersionException if the header is intact but from another format version
   * @throws CorruptBlockException if the bytes are not an intact header
   */
  static BlockHeader parse(byte[] src, int off, CRC32 crc) throws CorruptBlockException {
    int magic = BlockBytes.getInt(src, off);
    if (magic != MAGIC) {
      throw new CorruptBlockException(
          String.format("bad block magic 0x%08X (expected 0x%08X)", magic, MAGIC));
    }
    crc.reset();
    crc.update(src, off, 32);
    int expectedCrc = BlockBytes.getInt(src, off + 32);
    if ((int) crc.getValue() != expectedCrc) {
      throw new CorruptBlockException(
          String.format(
              "block header CRC mismatch (stored 0x%08X, computed 0x%08X)",
              expectedCrc, (int) crc.getValue()));
    }
    byte version = src[off + 4];
    if (version != VERSION) {
      throw new UnsupportedVersionException(version);
    }
    byte codec = src[off + 5];
    long firstSeq = BlockBytes.getLong(src, off + 8);
    int count = BlockBytes.getInt(src, off + 16);
    int uncompressed = BlockBytes.getInt(src, off + 20);
    int stored = BlockBytes.getInt(src, off + 24);
    if ((codec != CODEC_STORED && codec != CODEC_LZ4)
        || src[off + 6] != 0
        || src[off + 7] != 0
        || firstSeq < 0
        || count <= 0
        || uncompressed < 4
        || uncompressed > MAX_PAYLOAD
        || stored <= 0
        || stored > MAX_PAYLOAD
        || (codec == CODEC_STORED && stored != uncompressed)) {
      throw new CorruptBlockException(
          String.format(
              "implausible block header: codec=%d firstSeq=%d records=%d uncompressed=%d stored=%d",
              codec, firstSeq, count, uncompressed, stored));
    }
    return new BlockHeader(
        codec, firstSeq, count, uncompressed, stored, BlockBytes.getInt(src, off + 28));
  }

  /** An intact header written by a different (newer) format version. */
  static final class UnsupportedVersionException extends CorruptBlockException {
    private static final long serialVersionUID = 1L;

    UnsupportedVersionException(byte version) {
      super(
          "block format version "
              + version
              + " is not supported (this build reads version "
              + VERSION
              + "); the spool was probably written by a newer plugin: do not downgrade "
              + "while the spool holds data");
    }
  }
}
