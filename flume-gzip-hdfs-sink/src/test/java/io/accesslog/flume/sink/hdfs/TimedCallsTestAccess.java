package io.accesslog.flume.sink.hdfs;

import java.util.concurrent.CountDownLatch;

/** Test helpers shared with other packages. */
public final class TimedCallsTestAccess {
  private TimedCallsTestAccess() {}

  /**
   * Waits for {@code latch} ignoring interrupts (a call stuck in a client that does not honour
   * them).
   */
  public static void awaitUninterruptibly(CountDownLatch latch) {
    TimedCallsTest.awaitUninterruptibly(latch);
  }
}
