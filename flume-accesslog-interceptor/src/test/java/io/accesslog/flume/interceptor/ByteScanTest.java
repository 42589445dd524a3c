package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteScanTest {
  @Test
  void indexOf_randomBytes_sameAsAByteLoop() {
    SplittableRandom r = new SplittableRandom(5);
    for (int round = 0; round < 5000; round++) {
      byte[] b = randomBytes(r, r.nextInt(1, 80));
      byte target = (byte) "ab\u0000\u00ff".charAt(r.nextInt(4));
      int from = r.nextInt(b.length);
      int to = r.nextInt(from, b.length + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == target) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, ByteScan.indexOf(b, from, to, target));
    }
  }

  @Test
  void indexOfLiteral_randomBytes_sameAsStringIndexOf() {
    SplittableRandom r = new SplittableRandom(7);
    for (int round = 0; round < 5000; round++) {
      byte[] b = randomBytes(r, r.nextInt(1, 60));
      byte[] literal = randomBytes(r, r.nextInt(1, 4));
      int from = r.nextInt(b.length);
      int to = r.nextInt(from, b.length + 1);
      String hay = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
      int at = hay.indexOf(new String(literal, StandardCharsets.ISO_8859_1));
      assertEquals(at < 0 ? -1 : from + at, ByteScan.indexOf(b, from, to, literal), hay);
    }
  }

  @Test
  void firstNonAscii_randomBytes_sameAsAByteLoop() {
    SplittableRandom r = new SplittableRandom(11);
    for (int round = 0; round < 5000; round++) {
      byte[] b = new byte[r.nextInt(1, 80)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (r.nextInt(40) == 0 ? 0x80 + r.nextInt(128) : r.nextInt(128));
      }
      int from = r.nextInt(b.length);
      int to = r.nextInt(from, b.length + 1);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (b[i] < 0) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, ByteScan.firstNonAscii(b, from, to));
    }
  }

  /**
   * Bytes from a small alphabet (so literals occur), with high bytes for sign-extension mistakes.
   */
  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) "ab\u0000\u00ff\u0080".charAt(r.nextInt(5));
    }
    return b;
  }

  /** The JSON string scan (eight bytes at a time) against the byte loop it replaced. */
  @Test
  void jsonStringEnd_randomBytes_sameAsAByteLoop() {
    SplittableRandom r = new SplittableRandom(13);
    String alphabet = "ab\"\\\u0001\u001f \u0080\u00ff";
    for (int round = 0; round < 20000; round++) {
      byte[] b = new byte[r.nextInt(1, 70)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (r.nextInt(4) == 0 ? alphabet.charAt(r.nextInt(alphabet.length())) : 'x');
      }
      int from = r.nextInt(b.length);
      int len = r.nextInt(from, b.length + 1);
      assertEquals(stringEndByteLoop(b, from, len), JsonLineParser.stringEnd(b, from, len));
    }
  }

  private static int stringEndByteLoop(byte[] b, int i, int len) {
    while (i < len) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i += 2;
      } else if (c >= 0 && c < 0x20) {
        return -1;
      } else {
        i++;
      }
    }
    return -1;
  }
}
