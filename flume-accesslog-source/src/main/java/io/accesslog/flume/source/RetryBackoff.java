package io.accesslog.flume.source;

/**
 * Exponential backoff as arithmetic on an attempt count: {@code initial * 2^(attempt-1)}, capped
 * at {@code max}. Pure and immutable.
 */
final class RetryBackoff {

  private final long initialMillis;
  private final long maxMillis;

  RetryBackoff(long initialMillis, long maxMillis) {
    if (initialMillis < 1 || maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "need 1 <= initial <= max, got " + initialMillis + " and " + maxMillis);
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
  }

  /**
   * The wait after the given failed attempt.
   *
   * @param failedAttempts failures so far, from 1
   */
  long delayMillis(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1: " + failedAttempts);
    }
    long delay = initialMillis;
    for (int i = 1; i < failedAttempts && delay < maxMillis; i++) {
      delay *= 2;
    }
    return Math.min(delay, maxMillis);
  }

  long initialMillis() {
    return initialMillis;
  }

  long maxMillis() {
    return maxMillis;
  }
}
