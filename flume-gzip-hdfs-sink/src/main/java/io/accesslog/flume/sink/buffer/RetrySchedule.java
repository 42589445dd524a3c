package io.accesslog.flume.sink.buffer;

/**
 * When the next attempt of one retried thing is due: the writer-id claim, the start-up recovery,
 * the HDFS writes of one file, or the Kerberos login. Counts consecutive failures and waits {@link
 * RetryBackoff} after each; the caller owns the clock and passes {@code now}. Not thread-safe: one
 * owner thread.
 */
public final class RetrySchedule {
  private final RetryBackoff backoff;
  private int failures;
  private long nextAttemptMillis;

  public RetrySchedule(RetryBackoff backoff) {
    this.backoff = backoff;
  }

  /** No attempt is pending a backoff at {@code now}. */
  public boolean due(long now) {
    return now >= nextAttemptMillis;
  }

  /**
   * Records one more failure of {@code kind} at {@code now}; returns the wait before the next
   * attempt.
   */
  public long failed(long now, WriteFailure kind) {
    failures++;
    long delay = backoff.delayMillis(failures, kind);
    nextAttemptMillis = now + delay;
    return delay;
  }

  /**
   * Records one more failure that only an operator can clear: the next attempt waits the longest.
   */
  public long failedForGood(long now) {
    return failed(now, WriteFailure.FATAL);
  }

  /** The attempt worked: the next failure starts the backoff from the beginning. */
  public void succeeded() {
    failures = 0;
  }

  /** Consecutive failures so far (0 after a success). */
  public int failures() {
    return failures;
  }

  public long nextAttemptMillis() {
    return nextAttemptMillis;
  }
}
