package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ClockTest {

  @Test
  void system_await_doneFuture_returnsItsResult() throws Exception {
    assertEquals("x", Clock.SYSTEM.await(CompletableFuture.completedFuture("x"), 1));
  }

  @Test
  void system_await_neverDone_timesOut() {
    assertThrows(TimeoutException.class, () -> Clock.SYSTEM.await(new CompletableFuture<>(), 1));
  }

  @Test
  void ofMillis_readsTheSupplier_nanosFollow() {
    long[] now = {5};
    Clock c = Clock.ofMillis(() -> now[0]);
    now[0] = 7;

    assertEquals(7, c.millis());
    assertEquals(7_000_000L, c.nanos());
  }

  @Test
  void manual_await_runsOutOnlyWhenAdvancedPastTheLimit() throws Exception {
    ManualClock clock = new ManualClock(0);
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      Future<Object> wait = waiter.submit(() -> clock.await(new CompletableFuture<>(), 100));
      while (clock.waitsStarted() == 0) {
        Thread.onSpinWait();
      }
      clock.advanceMillis(99);
      assertThrows(
          java.util.concurrent.TimeoutException.class, () -> wait.get(50, TimeUnit.MILLISECONDS));

      clock.advanceMillis(1);

      java.util.concurrent.ExecutionException e =
          assertThrows(
              java.util.concurrent.ExecutionException.class, () -> wait.get(10, TimeUnit.SECONDS));
      assertEquals(TimeoutException.class, e.getCause().getClass());
    } finally {
      waiter.shutdownNow();
    }
  }

  @Test
  void manual_await_resultArrives_returnsIt() throws Exception {
    ManualClock clock = new ManualClock(0);
    CompletableFuture<String> result = new CompletableFuture<>();
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      Future<String> wait = waiter.submit(() -> clock.await(result, 100));
      result.complete("done");

      assertEquals("done", wait.get(10, TimeUnit.SECONDS));
    } finally {
      waiter.shutdownNow();
    }
  }
}
