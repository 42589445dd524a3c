package io.accesslog.flume.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The time source every component takes instead of calling {@link System} itself, so tests advance
 * time by hand instead of sleeping.
 */
public interface Clock {
  /** The system clock. */
  Clock SYSTEM =
      new Clock() {
        @Override
        public long millis() {
          return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
          return System.nanoTime();
        }
      };

  /**
   * A clock reading wall-clock milliseconds from {@code millis} (tests: a value they move by hand);
   * its {@link #nanos()} follows the same readings.
   */
  static Clock ofMillis(LongSupplier millis) {
    return new Clock() {
      @Override
      public long millis() {
        return millis.getAsLong();
      }

      @Override
      public long nanos() {
        return millis.getAsLong() * 1_000_000L;
      }
    };
  }

  /** Wall-clock time, epoch milliseconds (event times, file names, hour buckets). */
  long millis();

  /** Monotonic time for measuring elapsed time and deadlines; only differences mean anything. */
  long nanos();

  /**
   * Waits at most {@code millis} of this clock's time for {@code future}'s result: the one place a
   * component waits for a bounded time, so a test clock decides when the wait runs out and the test
   * never sleeps. This default blocks in {@link Future#get(long, TimeUnit)}, on real time.
   *
   * @throws TimeoutException when the time is up before the result is there
   */
  default <T> T await(Future<T> future, long millis)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(millis, TimeUnit.MILLISECONDS);
  }
}
