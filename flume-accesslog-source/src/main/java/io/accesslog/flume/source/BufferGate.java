package io.accesslog.flume.source;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Bounds the direct channel's memory: when {@code buffer.maxRecords} polled records wait to be
 * taken, every assigned partition is paused (partitions assigned meanwhile too), and resumed once
 * the sinks have taken half of them. The consumer keeps polling while paused (no records, but it
 * stays in its group). Consumer thread only.
 */
final class BufferGate {

  private final Consumer<byte[], byte[]> consumer;
  private final int maxRecords;
  private final DirectChannelCounter counter;
  private boolean paused;

  BufferGate(Consumer<byte[], byte[]> consumer, int maxRecords, DirectChannelCounter counter) {
    this.consumer = consumer;
    this.maxRecords = maxRecords;
    this.counter = counter;
  }

  /** Pauses or resumes for {@code queued} records waiting to be taken. */
  void update(int queued) {
    if (!paused && queued >= maxRecords) {
      consumer.pause(consumer.assignment());
      paused = true;
    } else if (paused && queued <= maxRecords / 2) {
      consumer.resume(consumer.paused());
      paused = false;
    }
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
