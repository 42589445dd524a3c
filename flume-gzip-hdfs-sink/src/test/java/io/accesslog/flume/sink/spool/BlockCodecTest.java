package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.GrowableBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** {@link BlockEncoder}, {@link BlockHeader} and {@link BlockDecoder} without files. */
class BlockCodecTest {
  private final BlockEncoder encoder =
      new BlockEncoder(LZ4Factory.fastestInstance().fastCompressor());
  private final BlockDecoder decoder =
      new BlockDecoder(LZ4Factory.fastestInstance().safeDecompressor());

  private record Visited(long seq, byte[] key, byte[] line) {}

  private List<Visited> decode(byte[] block, long fromSeq) throws Exception {
    BlockHeader h = BlockHeader.parse(block, 0, new CRC32());
    byte[] stored = Arrays.copyOfRange(block, BlockHeader.SIZE, BlockHeader.SIZE + h.storedLength);
    List<Visited> out = new ArrayList<>();
    decoder.decode(
        h,
        stored,
        0,
        fromSeq,
        (seq, key, buf, off, len) ->
            out.add(new Visited(seq, key, Arrays.copyOfRange(buf, off, off + len))));
    return out;
  }

  private byte[] finish(long firstSeq) {
    int n = encoder.finish(firstSeq);
    return Arrays.copyOf(encoder.blockBytes(), n);
  }

  @Test
  void finish_repeatedKeys_storesEachKeyOnceAndSharesItOnReplay() throws Exception {
    for (int i = 0; i < 1000; i++) {
      encoder.add(utf8("key-" + (i % 3)), utf8("line " + i), 0, utf8("line " + i).length);
    }
    byte[] block = finish(42);
    List<Visited> out = decode(block, 0);

    assertEquals(1000, out.size());
    assertEquals(42, out.get(0).seq());
    assertEquals(1041, out.get(999).seq());
    assertArrayEquals(utf8("line 999"), out.get(999).line());
    assertArrayEquals(utf8("key-0"), out.get(999).key());
    assertSame(out.get(0).key(), out.get(3).key(), "one array per key and block");
  }

  @Test
  void finish_incompressibleLines_storedRawAndStillDecodes() throws Exception {
    byte[] noise = new byte[5000];
    new Random(7).nextBytes(noise);
    encoder.add(utf8("k"), noise, 0, noise.length);
    byte[] block = finish(0);

    assertEquals(BlockHeader.CODEC_STORED, block[5]);
    assertArrayEquals(noise, decode(block, 0).get(0).line());
  }

  @Test
  void decode_fromSeqInsideTheBlock_visitsOnlyLaterRecords() throws Exception {
    for (int i = 0; i < 10; i++) {
      encoder.add(utf8("k"), utf8("l" + i), 0, 2);
    }
    List<Visited> out = decode(finish(100), 107);
    assertEquals(3, out.size());
    assertEquals(107, out.get(0).seq());
  }

  @Test
  void reset_afterFinish_nextBlockHasOnlyItsOwnRecordsAndKeys() throws Exception {
    encoder.add(utf8("old"), utf8("x"), 0, 1);
    finish(0);
    encoder.reset();
    encoder.add(utf8("new"), utf8("y"), 0, 1);
    List<Visited> out = decode(finish(1), 0);
    assertEquals(1, out.size());
    assertArrayEquals(utf8("new"), out.get(0).key());
  }

  @Test
  void parse_headerByteChanged_rejectedByHeaderCrc() {
    encoder.add(utf8("k"), utf8("v"), 0, 1);
    byte[] block = finish(5);
    block[19] ^= 1;
    CorruptBlockException e =
        assertThrows(CorruptBlockException.class, () -> BlockHeader.parse(block, 0, new CRC32()));
    assertTrue(e.getMessage().contains("header CRC mismatch"), e.getMessage());
  }

  @Test
  void decode_recordPointsPastTheDictionary_rejectedBeforeVisitingAnything() throws Exception {
    // A payload that passes its CRC but refers to key 5 of a 1-key dictionary.
    GrowableBytes payload = new GrowableBytes(64);
    payload.advance(4);
    BlockBytes.appendVarint(payload, 0);
    BlockBytes.appendVarint(payload, 1);
    payload.append(utf8("a"), 0, 1);
    BlockBytes.appendVarint(payload, 5);
    BlockBytes.appendVarint(payload, 1);
    payload.append(utf8("b"), 0, 1);
    int dict = payload.size();
    BlockBytes.putInt(payload.array(), 0, dict);
    BlockBytes.appendVarint(payload, 1);
    BlockBytes.appendVarint(payload, 1);
    payload.append(utf8("k"), 0, 1);
    byte[] block = new byte[BlockHeader.SIZE + payload.size()];
    System.arraycopy(payload.array(), 0, block, BlockHeader.SIZE, payload.size());
    CRC32 crc = new CRC32();
    crc.update(payload.array(), 0, payload.size());
    BlockHeader.write(
        block,
        0,
        BlockHeader.CODEC_STORED,
        0,
        2,
        payload.size(),
        payload.size(),
        (int) crc.getValue(),
        new CRC32());

    List<Visited> visited = new ArrayList<>();
    BlockHeader h = BlockHeader.parse(block, 0, new CRC32());
    CorruptBlockException e =
        assertThrows(
            CorruptBlockException.class,
            () ->
                decoder.decode(
                    h,
                    Arrays.copyOfRange(block, BlockHeader.SIZE, block.length),
                    0,
                    0,
                    (seq, key, buf, off, len) -> visited.add(null)));
    assertTrue(e.getMessage().contains("refers to key 5"), e.getMessage());
    assertEquals(0, visited.size());
  }

  @Test
  void varint_boundaryValues_roundTrip() throws CorruptBlockException {
    int[] values = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE};
    GrowableBytes buf = new GrowableBytes(1);
    for (int v : values) {
      BlockBytes.appendVarint(buf, v);
    }
    PayloadReader in = new PayloadReader(buf.array(), 0, buf.size());
    for (int v : values) {
      assertEquals(v, in.readVarint());
    }
    assertEquals(buf.size(), in.position());
  }

  @Test
  void add_pastTheBlockLimit_throwsWithAdvice() {
    byte[] huge = new byte[BlockHeader.MAX_PAYLOAD];
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> encoder.add(utf8("k"), huge, 0, huge.length));
    assertTrue(e.getMessage().contains("commit smaller batches"), e.getMessage());
    assertEquals(0, encoder.recordCount());
  }

  @Test
  void decode_consumerIOException_propagates() {
    encoder.add(utf8("k"), utf8("v"), 0, 1);
    byte[] block = finish(0);
    assertThrows(
        IOException.class,
        () -> {
          BlockHeader h = BlockHeader.parse(block, 0, new CRC32());
          decoder.decode(
              h,
              Arrays.copyOfRange(block, BlockHeader.SIZE, block.length),
              0,
              0,
              (seq, key, buf, off, len) -> {
                throw new IOException("stop");
              });
        });
  }
}
