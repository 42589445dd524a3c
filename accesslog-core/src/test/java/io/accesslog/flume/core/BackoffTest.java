package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delayMillis_doublesUpToMax() {
    Backoff b = new Backoff(100, 1000);
    assertEquals(100, b.delayMillis(1));
    assertEquals(200, b.delayMillis(2));
    assertEquals(800, b.delayMillis(4));
    assertEquals(1000, b.delayMillis(5));
    assertEquals(1000, b.delayMillis(Integer.MAX_VALUE));
  }

  @Test
  void invalidArguments_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(1, 5).delayMillis(0));
  }

  @Test
  void manualClock_advancesBothReadings() {
    ManualClock c = new ManualClock(1000);
    c.advanceMillis(250);
    assertEquals(1250, c.millis());
    assertEquals(250_000_000L, c.nanos());
    Clock system = Clock.SYSTEM;
    long before = system.nanos();
    assertEquals(true, system.nanos() >= before);
    long[] now = {5};
    Clock byHand = Clock.ofMillis(() -> now[0]);
    now[0] = 7;
    assertEquals(7, byHand.millis());
    assertEquals(7_000_000L, byHand.nanos());
  }
}
