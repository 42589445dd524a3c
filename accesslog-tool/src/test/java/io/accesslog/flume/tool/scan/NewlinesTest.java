package io.accesslog.flume.tool.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NewlinesTest {
  @Test
  void next_randomBytes_sameAsAByteLoop() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 6000; round++) {
      // Short and long arrays, dense and sparse newlines: every step of the search (two words,
      // one word, single bytes) finds the first one, and false candidates (0x0b after a '\n',
      // 0x8a) are not taken for it.
      byte[] b = new byte[r.nextInt(1, round % 2 == 0 ? 80 : 400)];
      int spread = round % 3 == 0 ? 12 : 300;
      for (int i = 0; i < b.length; i++) {
        int k = r.nextInt(spread);
        b[i] =
            (byte) (k == 0 ? '\n' : k == 1 ? 0x8a : k == 2 ? 0x0b : k == 3 ? 0x09 : r.nextInt(256));
      }
      int from = r.nextInt(b.length);
      int to = r.nextInt(from, b.length + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertEquals(expected, Newlines.next(b, from, to));
    }
  }
}
