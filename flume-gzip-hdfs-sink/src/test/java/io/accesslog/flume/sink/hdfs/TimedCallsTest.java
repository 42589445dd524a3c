package io.accesslog.flume.sink.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls bounded in time: abandoned when late, counted as stuck until their thread returns, one per
 * path. The timeouts' clock is the test's ({@link ManualWaiter}): a call "hangs" by expiring the
 * wait itself, so nothing here depends on how fast the machine is.
 */
class TimedCallsTest {
  private final ManualWaiter clock = new ManualWaiter();
  private final TimedCalls calls = new TimedCalls("test-call", 100, 4, UserContext.CURRENT, clock);

  @AfterEach
  void close() {
    calls.close();
  }

  @Test
  void call_returnsInTime_resultPassedThrough() throws IOException {
    assertEquals("ok", calls.call("exists", 0, () -> "ok", "/a"));
    assertEquals(0, calls.timeouts());
  }

  @Test
  void call_failure_rethrownAsIs() {
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                calls.call(
                    "append",
                    0,
                    () -> {
                      throw new java.net.ConnectException("refused");
                    },
                    "/a"));
    assertEquals("refused", thrown.getMessage());
  }

  @Test
  void call_blockedInterruptibly_timesOut_threadInterruptedAndFreed() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    CallTimeoutException e =
        assertThrows(
            CallTimeoutException.class,
            () ->
                calls.call(
                    "append",
                    0,
                    () -> {
                      try {
                        clock.expire();
                        new CountDownLatch(1).await(); // hangs until interrupted
                      } catch (InterruptedException stop) {
                        interrupted.countDown();
                        throw new java.io.InterruptedIOException("interrupted");
                      }
                      return null;
                    },
                    "/logs/_f.gz"));
    assertTrue(e.getMessage().contains("hdfs.callTimeout"), e.getMessage());
    assertTrue(
        interrupted.await(5, TimeUnit.SECONDS), "the abandoned call's thread was interrupted");
    awaitStuck(0);
    assertEquals(1, calls.timeouts());
    assertEquals(
        "again", calls.call("append", 0, () -> "again", "/logs/_f.gz"), "the path is free again");
  }

  @Test
  void call_ignoringInterrupt_staysStuck_blocksItsPathOnly_untilItReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    assertThrows(
        CallTimeoutException.class,
        () ->
            calls.call(
                "append",
                0,
                () -> {
                  clock.expire();
                  awaitUninterruptibly(release);
                  return null;
                },
                "/logs/_f.gz"));
    assertEquals(1, calls.stuck());
    CallTimeoutException blocked =
        assertThrows(
            CallTimeoutException.class,
            () -> calls.call("lease recovery", 1000, () -> 0L, "/logs/_f.gz"));
    assertTrue(blocked.getMessage().contains("has not returned yet"), blocked.getMessage());
    assertEquals(
        "other", calls.call("append", 0, () -> "other", "/logs/_g.gz"), "other paths go on");
    release.countDown();
    awaitStuck(0);
    assertEquals(7L, (long) calls.call("lease recovery", 1000, () -> 7L, "/logs/_f.gz"));
  }

  @Test
  void call_allThreadsStuck_failsAtOnce() {
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 4; i++) {
        String path = "/p" + i;
        assertThrows(
            CallTimeoutException.class,
            () ->
                calls.call(
                    "append",
                    0,
                    () -> {
                      clock.expire();
                      awaitUninterruptibly(release);
                      return null;
                    },
                    path));
      }
      CallTimeoutException e =
          assertThrows(CallTimeoutException.class, () -> calls.call("exists", 0, () -> true, "/q"));
      assertTrue(e.getMessage().contains("busy"), e.getMessage());
    } finally {
      release.countDown();
    }
  }

  @Test
  void callWithProgress_slowButProgressing_notAbandoned() throws IOException {
    AtomicLong progress = new AtomicLong();
    int found =
        calls.callWithProgress(
            "listing",
            progress,
            () -> {
              for (int i = 0; i < 6; i++) {
                awaitWaitStarted(); // the caller has read the progress it compares against
                progress.incrementAndGet();
                clock.expire(); // a whole timeout passes, with progress made in it
              }
              return 6;
            },
            "/logs");
    assertEquals(6, found);
    assertThrows(
        CallTimeoutException.class,
        () ->
            calls.callWithProgress(
                "listing",
                new AtomicLong(),
                () -> {
                  clock.expire(); // a whole timeout passes without progress
                  try {
                    new CountDownLatch(1).await(); // hangs until interrupted
                  } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                  }
                  return 0;
                },
                "/other"));
  }

  @Test
  void call_extraTime_forRecovery() throws IOException {
    assertEquals(1L, (long) calls.call("lease recovery", 1000, () -> 1L, "/a"));
    assertEquals(1100L, (long) clock.limits.get(0), "hdfs.callTimeout + the extra time");
  }

  private void awaitStuck(int expected) throws InterruptedException {
    assertEquals(0, expected, "only waiting for none stuck is possible");
    assertTrue(calls.awaitNoneStuck(5000), "the abandoned call returned");
    assertEquals(expected, calls.stuck());
  }

  private void awaitWaitStarted() {
    try {
      clock.awaitWaitStarted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
