package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.accesslog.flume.core.GrowableBytes;
import org.junit.jupiter.api.Test;

class GzipFormatTest {

  private static final long FOUR_GIB = 1L << 32;

  @Test
  void isize_belowFourGib_isTheLength() {
    assertEquals(240_000, GzipFormat.isize(240_000));
    assertEquals(Integer.MAX_VALUE, GzipFormat.isize(Integer.MAX_VALUE));
  }

  @Test
  void isize_justBelowFourGib_isAllOnes() {
    assertEquals(0xffffffff, GzipFormat.isize(FOUR_GIB - 1));
  }

  @Test
  void isize_exactlyFourGib_wrapsToZero() {
    assertEquals(0, GzipFormat.isize(FOUR_GIB));
  }

  @Test
  void isize_aboveFourGib_isTheLengthModuloTwoToThe32() {
    assertEquals(5, GzipFormat.isize(FOUR_GIB + 5));
    assertEquals(123, GzipFormat.isize(3 * FOUR_GIB + 123));
  }

  @Test
  void isize_negativeLength_throws() {
    assertThrows(IllegalArgumentException.class, () -> GzipFormat.isize(-1));
  }

  @Test
  void writeTrailer_lengthAboveFourGib_writesCrcThenWrappedIsizeLittleEndian() {
    GrowableBytes out = new GrowableBytes(0);

    GzipFormat.writeTrailer(out, 0x04030201, FOUR_GIB + 0x08070605L);

    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, out.toByteArray());
  }

  @Test
  void writeHeader_level6_hasNoExtraFlagsAndUnknownOs() {
    GrowableBytes out = new GrowableBytes(0);

    GzipFormat.writeHeader(out, 6);

    assertArrayEquals(
        new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255}, out.toByteArray());
  }

  @Test
  void extraFlags_fastestAndSmallestLevels_areTheRfcHints() {
    assertEquals(4, GzipFormat.extraFlags(1));
    assertEquals(0, GzipFormat.extraFlags(2));
    assertEquals(2, GzipFormat.extraFlags(9));
  }
}
