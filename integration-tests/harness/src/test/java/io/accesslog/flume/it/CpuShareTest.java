package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuShareTest {
  @Test
  void busyTicks_countsEverythingButIdleAndIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    assertEquals(10 + 2 + 5 + 1 + 1 + 3, CpuShare.busyTicks("cpu  10 2 5 1000 40 1 1 3 7 0"));
  }

  @Test
  void window_othersAreWhatNeitherTheAgentNorTheTestBedUsed() {
    CpuShare.Window w = new CpuShare.Window(10, 15, 8, 4);
    assertEquals(3, w.others(), 1e-9);
    assertEquals(0.3, w.otherCores(), 1e-9);
    assertTrue(w.line().contains("other_cores=0.30"), w.line());
  }
}
