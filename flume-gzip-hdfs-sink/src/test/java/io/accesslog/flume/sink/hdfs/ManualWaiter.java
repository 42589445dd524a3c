package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.core.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The timeouts' clock in a test's hand: a wait runs out only when the test (usually the call's own
 * body, at the point where a real call would hang) says so with {@link #expire()}, never because
 * time passed, so the outcome does not depend on the machine's speed. Its readings stand still.
 */
public final class ManualWaiter implements Clock {
  private final Semaphore expiries = new Semaphore(0);
  private final Semaphore waits = new Semaphore(0);

  /** The limit of every wait, in order. */
  public final List<Long> limits = new CopyOnWriteArrayList<>();

  /** The current (or next) wait runs out. */
  public void expire() {
    expiries.release();
  }

  /** Blocks until a caller has started its next wait (one permit per wait started). */
  public void awaitWaitStarted() throws InterruptedException {
    waits.acquire();
  }

  @Override
  public long millis() {
    return 0;
  }

  @Override
  public long nanos() {
    return 0;
  }

  @Override
  public <T> T await(Future<T> future, long millis)
      throws InterruptedException, ExecutionException, TimeoutException {
    limits.add(millis);
    waits.release();
    while (true) {
      if (future.isDone()) {
        return future.get();
      }
      // A short poll so a call that returns is seen; the outcome never depends on its length.
      if (expiries.tryAcquire(5, TimeUnit.MILLISECONDS)) {
        throw new TimeoutException("expired by the test");
      }
    }
  }
}
