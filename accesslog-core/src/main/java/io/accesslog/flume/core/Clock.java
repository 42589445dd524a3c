package io.accesslog.flume.core;

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
}
