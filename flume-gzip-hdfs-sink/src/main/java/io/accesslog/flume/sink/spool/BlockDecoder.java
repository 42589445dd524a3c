package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import java.io.IOException;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Decodes one block payload (see {@link BlockEncoder} for the layout) and hands its records to a
 * {@link RecordConsumer}. The payload is fully validated before the first record is handed out, so
 * a malformed block is skipped whole rather than replayed in part.
 */
final class BlockDecoder {
  private final LZ4SafeDecompressor decompressor;
  private final GrowableBytes plain = new GrowableBytes(1 << 20);
  private byte[][] keys = new byte[1024][];

  BlockDecoder(LZ4SafeDecompressor decompressor) {
    this.decompressor = decompressor;
  }

  /**
   * Visits the records of the block with sequence {@code >= fromSeq}.
   *
   * @return the number of records visited
   * @throws CorruptBlockException if the payload does not decode
   * @throws IOException from the consumer
   */
  int decode(
      BlockHeader header, byte[] stored, int storedOff, long fromSeq, RecordConsumer consumer)
      throws CorruptBlockException, IOException {
    byte[] bytes = payloadOf(header, stored, storedOff);
    int length = header.uncompressedLength;
    PayloadReader in = new PayloadReader(bytes, 0, length);
    int dictionaryOffset = in.readInt();
    if (dictionaryOffset < 4 || dictionaryOffset > length) {
      throw new CorruptBlockException(
          "dictionary offset " + dictionaryOffset + " outside the payload of " + length + " bytes");
    }
    int keyCount = readDictionary(bytes, dictionaryOffset, length);

    // Pass 1: validate the record framing, so that no record is visited from a bad block.
    PayloadReader records = new PayloadReader(bytes, 4, dictionaryOffset);
    for (int i = 0; i < header.recordCount; i++) {
      readKeyIndex(records, keyCount);
      records.skip(records.readVarint(), "line");
    }
    if (records.position() != dictionaryOffset) {
      throw new CorruptBlockException(
          (dictionaryOffset - records.position())
              + " unexpected bytes after the last of "
              + header.recordCount
              + " records");
    }

    // Pass 2: visit.
    records = new PayloadReader(bytes, 4, dictionaryOffset);
    int visited = 0;
    long seq = header.firstSeq;
    for (int i = 0; i < header.recordCount; i++, seq++) {
      int keyIndex = records.readVarint();
      int lineLength = records.readVarint();
      int lineOffset = records.skip(lineLength, "line");
      if (seq >= fromSeq) {
        consumer.accept(seq, keys[keyIndex], bytes, lineOffset, lineLength);
        visited++;
      }
    }
    return visited;
  }

  private byte[] payloadOf(BlockHeader header, byte[] stored, int storedOff)
      throws CorruptBlockException {
    if (header.codec == BlockHeader.CODEC_STORED) {
      return storedOff == 0
          ? stored
          : Arrays.copyOfRange(stored, storedOff, storedOff + header.storedLength);
    }
    byte[] out = plain.clearAndReserve(header.uncompressedLength);
    int n;
    try {
      n =
          decompressor.decompress(
              stored, storedOff, header.storedLength, out, 0, header.uncompressedLength);
    } catch (LZ4Exception e) {
      throw new CorruptBlockException("LZ4 payload does not decompress: " + e.getMessage(), e);
    }
    if (n != header.uncompressedLength) {
      throw new CorruptBlockException(
          "payload decompressed to " + n + " bytes, header says " + header.uncompressedLength);
    }
    return out;
  }

  private int readDictionary(byte[] bytes, int offset, int length) throws CorruptBlockException {
    PayloadReader in = new PayloadReader(bytes, offset, length);
    int count = in.readVarint();
    if (count > length) {
      throw new CorruptBlockException(
          "dictionary claims " + count + " keys in " + length + " bytes");
    }
    if (keys.length < count) {
      keys = new byte[Math.max(count, keys.length * 2)][];
    }
    for (int i = 0; i < count; i++) {
      int keyLength = in.readVarint();
      int start = in.skip(keyLength, "key");
      // Fresh arrays: the consumer may keep a key (e.g. as a map key) beyond this block.
      keys[i] = Arrays.copyOfRange(bytes, start, start + keyLength);
    }
    if (in.position() != length) {
      throw new CorruptBlockException(
          (length - in.position()) + " unexpected bytes after the dictionary");
    }
    return count;
  }

  private static void readKeyIndex(PayloadReader in, int keyCount) throws CorruptBlockException {
    int index = in.readVarint();
    if (index >= keyCount) {
      throw new CorruptBlockException(
          "record refers to key " + index + " but the dictionary has " + keyCount);
    }
  }
}
