package io.accesslog.flume.source;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses every assigned partition (partitions assigned meanwhile too) while either
 * <ul>
 *   <li>{@code buffer.maxRecords} polled records wait to be taken (bounds memory; resumed once the
 *       sinks have taken half of them), or
 *   <li>an offset commit is owed: Kafka refused the last one (a rebalance in progress, an
 *       eviction). Records the sinks commit meanwhile are not acknowledged to Kafka, so fetching
 *       stops until a commit succeeds; a crash then re-delivers at most what was already queued.
 * </ul>
 * The consumer keeps polling while paused (no records, but it stays in its group and completes
 * the rebalance). Consumer thread only.
 */
final class BufferGate {

  private final Consumer<byte[], byte[]> consumer;
  private final int maxRecords;
  private final DirectChannelCounter counter;
  private boolean full;
  private boolean paused;

  BufferGate(Consumer<byte[], byte[]> consumer, int maxRecords, DirectChannelCounter counter) {
    this.consumer = consumer;
    this.maxRecords = maxRecords;
    this.counter = counter;
  }

  /** Pauses or resumes for {@code queued} records waiting to be taken and an owed commit. */
  void update(int queued, boolean commitOwed) {
    if (!full && queued >= maxRecords) {
      full = true;
    } else if (full && queued <= maxRecords / 2) {
      full = false;
    }
    boolean pause = full || commitOwed;
    if (pause && !paused) {
      consumer.pause(consumer.assignment());
    } else if (!pause && paused) {
      consumer.resume(consumer.paused());
    }
    paused = pause;
    counter.setKafkaPausedPartitions(consumer.paused().size());
  }

  /** Newly assigned partitions join the pause while it lasts. */
  void onAssigned(Collection<TopicPartition> assigned) {
    if (paused && !assigned.isEmpty()) {
      consumer.pause(assigned);
    }
  }

  boolean paused() {
    return paused;
  }
}
