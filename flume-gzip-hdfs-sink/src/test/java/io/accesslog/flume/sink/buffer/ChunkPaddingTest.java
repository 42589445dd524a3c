package io.accesslog.flume.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ChunkPaddingTest {

  @Test
  void paddingFor_bringsEveryLengthToAChunkBoundary_withAtLeastAWholeMember() {
    for (int alignment : new int[] {512, 4096, 27, 32_768}) {
      for (long length = 0; length < 3L * alignment; length += 1 + length / 7) {
        int pad = ChunkPadding.paddingFor(length, alignment);
        assertEquals(0, (length + pad) % alignment, length + " + " + pad + " on " + alignment);
        assertTrue(pad == 0 || pad >= ChunkPadding.MIN_SIZE, "pad " + pad);
        assertTrue(pad < alignment + ChunkPadding.MIN_SIZE, "pad " + pad);
        assertEquals(length % alignment == 0, pad == 0);
      }
    }
    assertEquals(0, ChunkPadding.paddingFor(12_345, 1));
  }

  @Test
  void paddingFor_refusesAChunkSizeItCannotFill() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChunkPadding.paddingFor(1, 32_769));
    assertTrue(e.getMessage().contains("32769"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChunkPadding.member(25));
  }

  @Test
  void member_isAnEmptyGzipMemberOfExactlyItsSize_betweenMembersItReadsAsNothing()
      throws IOException {
    for (int size : new int[] {26, 27, 511, 537, 65_557}) {
      byte[] pad = ChunkPadding.member(size);
      assertEquals(size, pad.length);
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      file.write(gzip("line one\n"));
      file.write(pad);
      file.write(gzip("line two\n"));
      file.write(pad);
      // the JDK's reader checks each member's header, CRC-32 and length
      assertArrayEquals(
          "line one\nline two\n".getBytes(StandardCharsets.UTF_8),
          new GZIPInputStream(new ByteArrayInputStream(file.toByteArray())).readAllBytes(),
          "size " + size);
      assertEquals(
          java.util.List.of("line one", "line two"), TestSupport.gunzipLines(file.toByteArray()));
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
