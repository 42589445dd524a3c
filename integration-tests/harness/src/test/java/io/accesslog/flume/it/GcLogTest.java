package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
  @Test
  void peakHeapBytes_unifiedG1Log_largestBeforeFigure() {
    List<String> log =
        List.of(
            "[0.010s][info][gc] Using G1",
            "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.345ms",
            "[5.678s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 301M->40M(512M) 9.1ms",
            "[9.000s][info][gc] GC(2) Pause Full (System.gc()) 120M->38M(512M) 30.2ms");
    assertEquals(301L << 20, GcLog.peakHeapBytes(log));
    assertEquals(40L << 20, GcLog.peak(log, 3), "largest after-collection figure");
  }

  @Test
  void peakHeapBytes_kilobytesAndGigabytes_converted() {
    assertEquals(
        2L << 30,
        GcLog.peakHeapBytes(List.of("GC(3) Pause Young 2G->1G(4G) 1ms", "GC(4) 900K->1K(4G)")));
  }

  @Test
  void peakHeapBytes_noCollection_zero() {
    assertEquals(0, GcLog.peakHeapBytes(List.of("[0.010s][info][gc] Using G1")));
  }
}
