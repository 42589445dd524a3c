package io.accesslog.flume.core;

/**
 * The time source every component takes instead of calling {@link System} itself, so tests advance
 * time by hand instead of sleeping.
 */
public interface Clock {
  /** The system clock. */
  Clock SYSTEM = new Clock() {
    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public long nanos() {
      return System.nanoTime();
    }
  };

  /** Wall-clock time, epoch milliseconds (event times, file names, hour buckets). */
  long millis();

  /** Monotonic time for measuring elapsed time and deadlines; only differences mean anything. */
  long nanos();
}
