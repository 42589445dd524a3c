package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProgressLogTest {
  @Test
  void maybeLine_atMostEvery10s_withDoneTotalRateAndEta() {
    ProgressLog p = new ProgressLog(null, "k1: spool replay", "spool records", 0);
    assertNull(p.maybeLine(1_000, 10_000, 9_999), "not before 10 s");
    assertEquals(
        "k1: spool replay: 2500 of 10000 spool records (25.0 %), 250/s, 10 s so far, ETA 30 s",
        p.maybeLine(2_500, 10_000, 10_000));
    assertNull(p.maybeLine(3_000, 10_000, 19_999), "then not for another 10 s");
    assertEquals(
        "k1: listing: 4096 files listed (total not known), 205/s, 20 s so far",
        new ProgressLog(null, "k1: listing", "files listed", 0).line(4_096, -1, 20_000));
  }
}
