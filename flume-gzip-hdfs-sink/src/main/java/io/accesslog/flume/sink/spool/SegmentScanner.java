package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the blocks of one segment file and classifies the damage it meets. Shared by the writer's
 * recovery at open and by {@link SpoolReader}, so both agree on where the good data ends.
 *
 * <p>Classification: a block is intact if its header is intact (magic, header CRC, plausible
 * lengths, the expected first sequence, payload inside the file) and its payload CRC matches. A
 * block with an intact header but a bad payload is held as "pending": if an intact block follows,
 * it was damage in the middle ({@link SpoolIssue.Kind#CORRUPT_BLOCK}, skipped using the trusted
 * header length); if not, it is part of the torn tail, because after a crash a file can hold the
 * header of the last write but zeros where its payload should be. Anything that cannot be framed
 * ends the segment as {@link SpoolIssue.Kind#TORN_TAIL}: without a trusted length there is no safe
 * way to find the next block, and a scan that guessed could replay garbage.
 */
final class SegmentScanner implements Closeable {

  enum Step {
    /** An intact block: see {@link #header()} and {@link #payload()}. */
    BLOCK,
    /** Clean end of the segment. */
    END,
    /** The segment ends with a torn tail: see {@link #tornTail()}. */
    TORN
  }

  private final Path file;
  private final FileChannel channel;
  private final long fileSize;
  private final CRC32 crc = new CRC32();
  private final byte[] headerBytes = new byte[BlockHeader.SIZE];
  private final GrowableBytes payload;

  private long position;
  private long expectedSeq;
  private long goodEnd;
  private long seqAfterGood;
  private BlockHeader header;
  private final List<SpoolIssue> pending = new ArrayList<>();
  private final List<SpoolIssue> corrupt = new ArrayList<>();
  private SpoolIssue tornTail;
  private boolean unsupportedVersion;

  private SegmentScanner(Path file, FileChannel channel, long firstSeq, GrowableBytes payload)
      throws IOException {
    this.file = file;
    this.channel = channel;
    this.fileSize = channel.size();
    this.expectedSeq = firstSeq;
    this.seqAfterGood = firstSeq;
    this.payload = payload;
  }

  /** Opens {@code file}, whose name says its first block starts at {@code firstSeq}. */
  static SegmentScanner open(Path file, long firstSeq, GrowableBytes payloadBuffer)
      throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new SegmentScanner(file, channel, firstSeq, payloadBuffer);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  Step next() throws IOException {
    while (true) {
      long offset = position;
      BlockHeader h;
      try {
        h = readHeader(offset);
      } catch (BlockHeader.UnsupportedVersionException e) {
        unsupportedVersion = true;
        return torn(offset, e.getMessage());
      } catch (CorruptBlockException e) {
        return torn(offset, e.getMessage());
      }
      if (h == null) {
        return pending.isEmpty() ? Step.END : torn(offset, "end of file");
      }
      byte[] bytes = payload.clearAndReserve(h.storedLength);
      readFully(bytes, h.storedLength, offset + BlockHeader.SIZE);
      position = offset + BlockHeader.SIZE + h.storedLength;
      expectedSeq = h.endSeq();
      crc.reset();
      crc.update(bytes, 0, h.storedLength);
      if ((int) crc.getValue() != h.payloadCrc) {
        pending.add(
            new SpoolIssue(
                SpoolIssue.Kind.CORRUPT_BLOCK,
                file,
                offset,
                position - offset,
                h.firstSeq,
                h.recordCount,
                String.format(
                    "payload CRC mismatch (stored 0x%08X, computed 0x%08X)",
                    h.payloadCrc, (int) crc.getValue()),
                false));
        continue;
      }
      corrupt.addAll(pending);
      pending.clear();
      header = h;
      goodEnd = position;
      seqAfterGood = expectedSeq;
      return Step.BLOCK;
    }
  }

  private Step torn(long offset, String reason) {
    long start = offset;
    String why = reason;
    if (!pending.isEmpty()) {
      SpoolIssue first = pending.get(0);
      start = first.offset();
      why = first.reason() + ", and no intact block follows it (then: " + reason + ")";
      pending.clear();
    }
    tornTail =
        new SpoolIssue(SpoolIssue.Kind.TORN_TAIL, file, start, fileSize - start, -1, 0, why, false);
    return Step.TORN;
  }

  /** Reads the header at {@code offset}; null at a clean end of file. */
  private BlockHeader readHeader(long offset) throws IOException, CorruptBlockException {
    long left = fileSize - offset;
    if (left == 0) {
      return null;
    }
    if (left < BlockHeader.SIZE) {
      throw new CorruptBlockException(
          left + " trailing bytes, fewer than a block header (" + BlockHeader.SIZE + ")");
    }
    readFully(headerBytes, BlockHeader.SIZE, offset);
    BlockHeader h = BlockHeader.parse(headerBytes, 0, crc);
    if (h.firstSeq != expectedSeq) {
      throw new CorruptBlockException(
          "block starts at sequence " + h.firstSeq + " but " + expectedSeq + " was expected");
    }
    long end = offset + BlockHeader.SIZE + h.storedLength;
    if (end > fileSize) {
      throw new CorruptBlockException(
          "block of "
              + (end - offset)
              + " bytes extends "
              + (end - fileSize)
              + " bytes past the end of the file");
    }
    return h;
  }

  private void readFully(byte[] dst, int length, long at) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst, 0, length);
    long pos = at;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new IOException(
            "segment "
                + file
                + " shrank while being read (at offset "
                + pos
                + ", expected size "
                + fileSize
                + ")");
      }
      pos += n;
    }
  }

  /** The last intact block, after {@link Step#BLOCK}. */
  BlockHeader header() {
    return header;
  }

  /** The stored (compressed) payload of the last intact block, from index 0. */
  byte[] payload() {
    return payload.array();
  }

  /** Corrupt blocks confirmed since the last call (each is followed by an intact block). */
  List<SpoolIssue> drainCorrupt() {
    if (corrupt.isEmpty()) {
      return Collections.emptyList();
    }
    List<SpoolIssue> result = new ArrayList<>(corrupt);
    corrupt.clear();
    return result;
  }

  SpoolIssue tornTail() {
    return tornTail;
  }

  /** Whether the scan stopped at an intact header of an unknown format version. */
  boolean stoppedAtUnsupportedVersion() {
    return unsupportedVersion;
  }

  /** End offset of the last intact block: where a writer may continue. */
  long goodEnd() {
    return goodEnd;
  }

  /** Sequence after the last intact block (the segment's first sequence if there is none). */
  long seqAfterGood() {
    return seqAfterGood;
  }

  long fileSize() {
    return fileSize;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
