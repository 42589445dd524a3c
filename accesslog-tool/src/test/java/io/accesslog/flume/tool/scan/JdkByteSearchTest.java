package io.accesslog.flume.tool.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.interceptor.ByteScan;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tool's JVM (these tests get the launcher's flags through surefire's argLine) searches bytes
 * with the JDK's vectorized method; its answers must be the byte loop's, also once C2 has compiled
 * it (the vector code exists only there), at every range edge and for bytes above 0x7f.
 */
class JdkByteSearchTest {
  @Test
  void toolJvm_usesTheJdkSearch() {
    assertTrue(ByteScan.usesJdkSearch(), ByteScan.jdkSearchStatus());
  }

  @Test
  void indexOf_randomRanges_sameAsAByteLoop_alsoOnceCompiled() {
    SplittableRandom r = new SplittableRandom(11);
    // Enough calls for C2 to compile the search (and the JDK method into it): about 10,000
    // invocations; this makes 300,000 on arrays up to 300 bytes (vector steps and tails).
    for (int round = 0; round < 300_000; round++) {
      byte[] b = new byte[r.nextInt(1, round % 4 == 0 ? 300 : 70)];
      byte target = (byte) (round % 3 == 0 ? '\n' : round % 3 == 1 ? 0x9f : r.nextInt(256));
      int spread = round % 2 == 0 ? 8 : 200;
      for (int i = 0; i < b.length; i++) {
        int k = r.nextInt(spread);
        b[i] = k == 0 ? target : (byte) (k == 1 ? target ^ 0x80 : r.nextInt(256));
      }
      int from = r.nextInt(b.length + 1);
      int to = r.nextInt(from, b.length + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == target) {
          expected = i;
          break;
        }
      }
      int got = ByteScan.indexOf(b, from, to, target);
      if (got != expected) {
        assertEquals(expected, got, "target " + target + " in [" + from + ", " + to + ")");
      }
    }
  }

  @Test
  void indexOf_rangeOutsideTheArray_throws() {
    byte[] b = new byte[10];
    assertThrows(IndexOutOfBoundsException.class, () -> ByteScan.indexOf(b, -1, 5, (byte) 0));
    assertThrows(IndexOutOfBoundsException.class, () -> ByteScan.indexOf(b, 2, 11, (byte) 0));
    assertEquals(-1, ByteScan.indexOf(b, 5, 5, (byte) 0));
    assertEquals(5, ByteScan.indexOf(b, 5, 6, (byte) 0));
  }
}
