package io.accesslog.flume.source;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses every assigned partition while at least one {@link Reason} holds, partitions assigned
 * meanwhile included, and resumes them when the last reason is gone. poll() keeps the consumer in
 * its group while paused; it just fetches nothing. Consumer thread only.
 */
final class PartitionPauser {

  /** Why the source stopped fetching. */
  enum Reason {
    /** The channel refused a batch; it waits at the head of the buffer for its retry. */
    CHANNEL_REFUSED,
    /** An offset commit failed; no further batch goes to the channel until one succeeds. */
    COMMIT_OWED
  }

  private final Consumer<byte[], byte[]> consumer;
  private final AccessLogSourceCounter counter;
  private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);

  PartitionPauser(Consumer<byte[], byte[]> consumer, AccessLogSourceCounter counter) {
    this.consumer = consumer;
    this.counter = counter;
  }

  /** Adds a reason and pauses every assigned partition. */
  void hold(Reason reason) {
    reasons.add(reason);
    pause(consumer.assignment());
  }

  /** Removes a reason; the partitions are resumed if it was the last one. */
  void release(Reason reason) {
    if (!reasons.remove(reason) || !reasons.isEmpty()) {
      return;
    }
    Set<TopicPartition> paused = new HashSet<>(consumer.paused());
    paused.retainAll(consumer.assignment());
    consumer.resume(paused);
    counter.setKafkaPausedPartitions(0);
  }

  boolean holds(Reason reason) {
    return reasons.contains(reason);
  }

  /** Newly assigned partitions join a running pause. */
  void onAssigned(Collection<TopicPartition> assigned) {
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
    counter.setKafkaPausedPartitions(paused.size());
  }
}
