package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void isWellFormed_knownCases() {
    byte[] mixed = TestSupport.bytes("caf\u00e9 \ud83d\ude00 \u4e2d");
    assertTrue(Utf8.isWellFormed(mixed, 0, mixed.length));
    assertFalse(Utf8.isWellFormed(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2), "overlong NUL");
    assertFalse(
        Utf8.isWellFormed(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3), "surrogate");
    assertFalse(
        Utf8.isWellFormed(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4),
        "above U+10FFFF");
    assertFalse(Utf8.isWellFormed(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3), "truncated");
  }

  @Test
  void isWellFormed_randomBytes_agreesWithJdkDecoder() {
    Random rnd = new Random(1);
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[rnd.nextInt(8)];
      for (int k = 0; k < b.length; k++) {
        // Bias towards the interesting lead/continuation bytes.
        b[k] = (byte) (rnd.nextBoolean() ? 0x80 + rnd.nextInt(0x80) : rnd.nextInt(256));
      }
      assertEquals(jdkAccepts(b), Utf8.isWellFormed(b, 0, b.length), java.util.Arrays.toString(b));
    }
  }
}
