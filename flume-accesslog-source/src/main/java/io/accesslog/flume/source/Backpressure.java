package io.accesslog.flume.source;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The channel-refused state: while a batch waits for a retry, every assigned partition is paused
 * (including partitions assigned during the wait), so poll() keeps the consumer in its group
 * without fetching more. The retry time follows {@link RetryBackoff} on the failure count.
 * Consumer thread only.
 */
final class Backpressure {

  private final Consumer<byte[], byte[]> consumer;
  private final RetryBackoff backoff;
  private final AccessLogSourceCounter counter;
  private int failedAttempts;
  private long retryAtMillis;

  Backpressure(Consumer<byte[], byte[]> consumer, RetryBackoff backoff,
      AccessLogSourceCounter counter) {
    this.consumer = consumer;
    this.backoff = backoff;
    this.counter = counter;
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
    pause(consumer.assignment());
    return delay;
  }

  boolean isRetryDue(long nowMillis) {
    return nowMillis >= retryAtMillis;
  }

  long millisUntilRetry(long nowMillis) {
    return Math.max(0, retryAtMillis - nowMillis);
  }

  /** Newly assigned partitions are paused too while a batch waits (eager rebalances). */
  void onAssigned(Collection<TopicPartition> assigned) {
    if (isActive()) {
      pause(assigned);
    }
  }

  /** The batch went through (or nothing is left to retry): resume and reset the backoff. */
  void release() {
    if (!isActive()) {
      return;
    }
    failedAttempts = 0;
    Set<TopicPartition> paused = new HashSet<>(consumer.paused());
    paused.retainAll(consumer.assignment());
    consumer.resume(paused);
    counter.setKafkaPausedPartitions(0);
  }

  private void pause(Collection<TopicPartition> partitions) {
    Set<TopicPartition> assignedNow = consumer.assignment();
    Set<TopicPartition> toPause = new HashSet<>(partitions);
    toPause.retainAll(assignedNow);
    consumer.pause(toPause);
    Set<TopicPartition> paused = new HashSet<>(consumer.paused());
    paused.retainAll(assignedNow);
    counter.setKafkaPausedPartitions(paused.size());
  }
}
