package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.GrowableBytes;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

class CodecChoiceTest {

  private static final IsalProbe.Result USABLE = IsalProbe.Result.USABLE;
  private static final IsalProbe.Result FORCED_OFF =
      IsalProbe.Result.unusable("no ISA-L native library for Linux/aarch64");

  @Test
  void choose_autoLevel1IsalUsable_picksIsal() {
    CodecChoice c = CodecChoice.choose(CompressionSettings.of(CompressionCodec.AUTO, 1), USABLE);

    assertEquals("isal", c.backend());
    assertEquals(
        "compression.codec=auto and ISA-L native library loaded; using ISA-L level 1", c.reason());
  }

  @Test
  void choose_autoIsalUnusable_fallsBackToJdkAndSaysWhy() {
    CodecChoice c =
        CodecChoice.choose(CompressionSettings.of(CompressionCodec.AUTO, 1), FORCED_OFF);

    assertEquals("jdk", c.backend());
    assertEquals(
        "ISA-L not usable: no ISA-L native library for Linux/aarch64; "
            + "using JDK Deflater level 1",
        c.reason());
  }

  @Test
  void choose_autoLevel6IsalUsable_picksJdkBecauseOfTheLevel() {
    CodecChoice c = CodecChoice.choose(CompressionSettings.of(CompressionCodec.AUTO, 6), USABLE);

    assertEquals("jdk", c.backend());
    assertTrue(c.reason().contains("compression.level=6"), c.reason());
  }

  @Test
  void choose_jdk_picksJdkEvenWhenIsalIsUsable() {
    CodecChoice c = CodecChoice.choose(CompressionSettings.of(CompressionCodec.JDK, 2), USABLE);

    assertEquals("jdk", c.backend());
    assertEquals(2, c.level());
  }

  @Test
  void choose_isalUnusable_throwsWithTheReasonAndTheFix() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CodecChoice.choose(CompressionSettings.of(CompressionCodec.ISAL, 1), FORCED_OFF));

    assertTrue(e.getMessage().contains("compression.codec=isal"), e.getMessage());
    assertTrue(e.getMessage().contains("Linux/aarch64"), e.getMessage());
    assertTrue(e.getMessage().contains("compression.codec=auto"), e.getMessage());
  }

  @Test
  void newEncoder_isalForcedOff_encodesDecodableMembersWithJdk() throws DataFormatException {
    CodecChoice c =
        CodecChoice.choose(CompressionSettings.of(CompressionCodec.AUTO, 1), FORCED_OFF);
    byte[] lines = AccessLogLines.generate(5, 5, 5, 100);
    GrowableBytes out = new GrowableBytes(0);

    try (GzipMemberEncoder encoder = c.newEncoder()) {
      assertEquals("jdk", encoder.backendName());
      encoder.encode(lines, 0, lines.length, out);
    }

    assertArrayEquals(lines, GzipTestDecoder.decodeAll(out.toByteArray()));
  }

  @Test
  void select_onThisMachine_agreesWithTheProbe() {
    CodecChoice c = CodecChoice.select(CompressionSettings.of(CompressionCodec.AUTO, 1));

    assertEquals(IsalProbe.status().usable() ? "isal" : "jdk", c.backend());
  }
}
