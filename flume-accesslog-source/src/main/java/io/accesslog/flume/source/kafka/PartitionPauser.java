package io.accesslog.flume.source.kafka;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses every assigned partition while at least one {@link Reason} holds, partitions assigned
 * meanwhile included, and resumes them when the last reason is gone. poll() keeps the consumer in
 * its group while paused; it just fetches nothing. Used by the source and by the direct channel.
 * Consumer thread only.
 */
public final class PartitionPauser {

  /** Why fetching stopped. */
  public enum Reason {
    /** Source: the channel refused a batch; it waits at the head of the buffer for its retry. */
    CHANNEL_REFUSED,
    /** Direct channel: {@code buffer.maxRecords} polled records wait to be taken. */
    BUFFER_FULL,
    /** An offset commit failed; nothing more is fetched until one succeeds. */
    COMMIT_OWED
  }

  private final Consumer<byte[], byte[]> consumer;
  private final LongConsumer pausedGauge;
  private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);

  /**
   * @param pausedGauge receives the number of paused assigned partitions when it changes
   */
  public PartitionPauser(Consumer<byte[], byte[]> consumer, LongConsumer pausedGauge) {
    this.consumer = consumer;
    this.pausedGauge = pausedGauge;
  }

  /** Adds a reason; the first one pauses every assigned partition. */
  public void hold(Reason reason) {
    if (reasons.add(reason) && reasons.size() == 1) {
      pause(consumer.assignment());
    }
  }

  /** Removes a reason; the partitions are resumed if it was the last one. */
  public void release(Reason reason) {
    if (!reasons.remove(reason) || !reasons.isEmpty()) {
      return;
    }
    Set<TopicPartition> paused = new HashSet<>(consumer.paused());
    paused.retainAll(consumer.assignment());
    consumer.resume(paused);
    pausedGauge.accept(0);
  }

  public boolean holds(Reason reason) {
    return reasons.contains(reason);
  }

  /** Newly assigned partitions join a running pause. */
  public void onAssigned(Collection<TopicPartition> assigned) {
    if (!reasons.isEmpty()) {
      pause(assigned);
    }
  }

  private void pause(Collection<TopicPartition> partitions) {
    Set<TopicPartition> assignedNow = consumer.assignment();
    Set<TopicPartition> toPause = new HashSet<>(partitions);
    toPause.retainAll(assignedNow);
    consumer.pause(toPause);
    Set<TopicPartition> paused = new HashSet<>(consumer.paused());
    paused.retainAll(assignedNow);
    pausedGauge.accept(paused.size());
  }
}
