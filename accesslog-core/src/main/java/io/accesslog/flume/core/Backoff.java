package io.accesslog.flume.core;

/**
 * Exponential retry backoff as arithmetic on a failure count: {@code initial * 2^(failures-1)},
 * capped at {@code max}. Pure and immutable; the caller decides whether a failure is worth a retry.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;

  public Backoff(long initialMillis, long maxMillis) {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "need 1 <= initial <= max, got " + initialMillis + " and " + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
  }

  /** The wait after {@code failures} consecutive failures (from 1). */
  public long delayMillis(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1: " + failures);
    }
    long delay = initialMillis;
    for (int i = 1; i < failures && delay < maxMillis; i++) {
      delay *= 2;
    }
    return Math.min(delay, maxMillis);
  }

  public long initialMillis() {
    return initialMillis;
  }

  public long maxMillis() {
    return maxMillis;
  }
}
