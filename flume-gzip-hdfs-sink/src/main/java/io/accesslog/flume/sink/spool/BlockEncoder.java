package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import java.util.zip.CRC32;
import net.jpountz.lz4.LZ4Compressor;

/**
 * Turns the records of one batch into one framed block: header + LZ4-compressed payload.
 *
 * <p>Uncompressed payload layout:
 *
 * <pre>
 * int    offset of the dictionary within the payload
 * record * recordCount: varint keyIndex, varint lineLength, line bytes
 * dictionary: varint keyCount, then per key: varint keyLength, key bytes
 * </pre>
 *
 * The dictionary goes last because keys are only known once the batch is complete; the leading
 * offset lets the reader find it without a second buffer on the write side. All buffers are reused
 * from batch to batch: the hot path ({@link #add}) allocates nothing.
 */
final class BlockEncoder {
  private static final int DICTIONARY_OFFSET_BYTES = 4;

  private final LZ4Compressor compressor;
  private final CRC32 crc = new CRC32();
  private final KeyDictionary dictionary = new KeyDictionary();
  private final GrowableBytes payload = new GrowableBytes(1 << 20);
  private final GrowableBytes block = new GrowableBytes(1 << 20);
  private int recordCount;

  BlockEncoder(LZ4Compressor compressor) {
    this.compressor = compressor;
    reset();
  }

  void reset() {
    dictionary.clear();
    payload.clear();
    payload.ensureFree(DICTIONARY_OFFSET_BYTES);
    payload.advance(DICTIONARY_OFFSET_BYTES); // filled by finish()
    recordCount = 0;
  }

  int recordCount() {
    return recordCount;
  }

  /** Appends one record. Throws before changing anything if the block would become too big. */
  void add(byte[] key, byte[] line, int off, int len) {
    long projected = (long) payload.size() + dictionary.encoded().size() + key.length + len + 15;
    if (projected > BlockHeader.MAX_PAYLOAD) {
      throw new IllegalStateException(
          String.format(
              "spool batch too large: %d records already hold %d bytes and the block limit is %d "
                  + "bytes; commit smaller batches (lower the sink batch size)",
              recordCount, payload.size() + dictionary.encoded().size(), BlockHeader.MAX_PAYLOAD));
    }
    int index = dictionary.indexOf(key);
    payload.ensureFree(10 + len);
    BlockBytes.appendVarint(payload, index);
    BlockBytes.appendVarint(payload, len);
    payload.append(line, off, len);
    recordCount++;
  }

  /**
   * Completes the block for records numbered from {@code firstSeq}. The framed bytes are {@code
   * blockBytes()[0, returned length)}; they stay valid until the next {@link #reset}.
   */
  int finish(long firstSeq) {
    int dictionaryOffset = payload.size();
    BlockBytes.putInt(payload.array(), 0, dictionaryOffset);
    BlockBytes.appendVarint(payload, dictionary.size());
    GrowableBytes keys = dictionary.encoded();
    payload.append(keys.array(), 0, keys.size());
    int uncompressed = payload.size();

    int max = compressor.maxCompressedLength(uncompressed);
    byte[] out = block.clearAndReserve(BlockHeader.SIZE + max);
    int stored = compressor.compress(payload.array(), 0, uncompressed, out, BlockHeader.SIZE, max);
    byte codec = BlockHeader.CODEC_LZ4;
    if (stored >= uncompressed) {
      // Incompressible input: storing it raw keeps the block bounded and replay cheaper.
      System.arraycopy(payload.array(), 0, out, BlockHeader.SIZE, uncompressed);
      stored = uncompressed;
      codec = BlockHeader.CODEC_STORED;
    }
    crc.reset();
    crc.update(out, BlockHeader.SIZE, stored);
    BlockHeader.write(
        out, 0, codec, firstSeq, recordCount, uncompressed, stored, (int) crc.getValue(), crc);
    return BlockHeader.SIZE + stored;
  }

  byte[] blockBytes() {
    return block.array();
  }
}
