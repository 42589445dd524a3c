package io.accesslog.flume.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Clock} tests move by hand; both readings advance together, and a wait ({@link #await})
 * runs out only when the test advances the clock past its deadline.
 */
public final class ManualClock implements Clock {
  private long millis;
  private long nanos;
  private int waitsStarted;

  public ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public synchronized long nanos() {
    return nanos;
  }

  public synchronized void advanceMillis(long delta) {
    millis += delta;
    nanos += delta * 1_000_000L;
    notifyAll();
  }

  /** How many {@link #await} calls have started (a test waits for one before advancing). */
  public synchronized int waitsStarted() {
    return waitsStarted;
  }

  @Override
  public <T> T await(Future<T> future, long limitMillis)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline;
    synchronized (this) {
      deadline = nanos + limitMillis * 1_000_000L;
      waitsStarted++;
    }
    while (!future.isDone()) {
      synchronized (this) {
        if (nanos - deadline >= 0) {
          throw new TimeoutException("the manual clock passed " + limitMillis + " ms");
        }
        // A short real wait so a result that arrives is seen; the outcome never depends on it.
        wait(5);
      }
    }
    return future.get();
  }
}
