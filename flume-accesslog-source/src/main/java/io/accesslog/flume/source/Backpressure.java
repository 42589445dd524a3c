package io.accesslog.flume.source;

import io.accesslog.flume.core.Backoff;
import io.accesslog.flume.source.kafka.PartitionPauser;

/**
 * The channel-refused state: while a batch waits for a retry, every assigned partition is paused
 * (including partitions assigned during the wait, see {@link PartitionPauser}), so poll() keeps the
 * consumer in its group without fetching more. The retry time follows {@link Backoff} on the
 * failure count. Consumer thread only.
 */
final class Backpressure {

  private final PartitionPauser pauser;
  private final Backoff backoff;
  private int failedAttempts;
  private long retryAtMillis;

  Backpressure(PartitionPauser pauser, Backoff backoff) {
    this.pauser = pauser;
    this.backoff = backoff;
  }

  boolean isActive() {
    return failedAttempts > 0;
  }

  int failedAttempts() {
    return failedAttempts;
  }

  /** Records a refused batch: pause everything and schedule the next retry; returns the wait. */
  long onRefused(long nowMillis) {
    failedAttempts++;
    long delay = backoff.delayMillis(failedAttempts);
    retryAtMillis = nowMillis + delay;
    pauser.hold(PartitionPauser.Reason.CHANNEL_REFUSED);
    return delay;
  }

  boolean isRetryDue(long nowMillis) {
    return nowMillis >= retryAtMillis;
  }

  long millisUntilRetry(long nowMillis) {
    return Math.max(0, retryAtMillis - nowMillis);
  }

  /** The batch went through (or nothing is left to retry): resume and reset the backoff. */
  void release() {
    if (!isActive()) {
      return;
    }
    failedAttempts = 0;
    pauser.release(PartitionPauser.Reason.CHANNEL_REFUSED);
  }
}
