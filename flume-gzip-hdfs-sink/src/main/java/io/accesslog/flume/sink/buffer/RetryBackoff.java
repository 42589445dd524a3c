package io.accesslog.flume.sink.buffer;

/**
 * Exponential backoff between attempts (of the writer-id claim, the start-up recovery, the writes
 * of one file): arithmetic on the number of consecutive failures, nothing else; {@link
 * RetrySchedule} holds the count and the clock reading. A fatal failure waits the maximum at once:
 * it needs an operator, and retrying fast would only flood the NameNode and the log.
 */
public final class RetryBackoff {
  private final long initialMillis;
  private final long maxMillis;

  public RetryBackoff(long initialMillis, long maxMillis) {
    if (initialMillis <= 0 || maxMillis < initialMillis) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial (" + initialMillis + ") <= max (" + maxMillis + ")");
    }
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
  }

  /** Delay after the {@code failures}-th consecutive failure (1 = the first). */
  public long delayMillis(int failures, WriteFailure kind) {
    if (kind == WriteFailure.FATAL || failures > 62) {
      return maxMillis;
    }
    int shift = Math.max(0, failures - 1);
    long delay = initialMillis << Math.min(shift, Long.numberOfLeadingZeros(initialMillis) - 1);
    return Math.min(maxMillis, delay);
  }

  public long maxMillis() {
    return maxMillis;
  }

  @Override
  public String toString() {
    return initialMillis + "ms.." + maxMillis + "ms";
  }
}
