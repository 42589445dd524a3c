package io.accesslog.flume.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits to Kafka what the {@link OffsetTracker} says the channel holds, synchronously. A failed
 * commit (CommitFailedException after an eviction, RebalanceInProgressException, a timeout) is
 * counted and logged; the offsets stay pending and are tried again on the next call. If the
 * partition moves first, its records since the last successful commit are re-delivered to the
 * new owner: duplicates, never loss. Consumer thread only.
 */
final class OffsetCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

  private final String sourceName;
  private final Consumer<byte[], byte[]> consumer;
  private final OffsetTracker tracker;
  private final AccessLogSourceCounter counter;

  OffsetCommitter(String sourceName, Consumer<byte[], byte[]> consumer, OffsetTracker tracker,
      AccessLogSourceCounter counter) {
    this.sourceName = sourceName;
    this.consumer = consumer;
    this.tracker = tracker;
    this.counter = counter;
  }

  /**
   * Commits every partition whose delivered prefix advanced.
   *
   * @param reason for the log, e.g. "batch" or "revoke"
   * @return true if nothing was pending or the commit succeeded
   */
  boolean commitDelivered(String reason) {
    Map<TopicPartition, Long> offsets = tracker.toCommit();
    if (offsets.isEmpty()) {
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
      kafkaOffsets.put(entry.getKey(), new OffsetAndMetadata(entry.getValue()));
    }
    try {
      consumer.commitSync(kafkaOffsets);
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      counter.incrementKafkaCommitFailure();
      LOG.warn("{}: committing offsets {} ({}) failed; will retry, and if the partitions move "
              + "first their records since the last commit are re-delivered (duplicates): {}",
          sourceName, offsets, reason, e.toString());
      return false;
    }
    tracker.committed(offsets);
    counter.incrementKafkaCommit();
    LOG.debug("{}: committed offsets {} ({})", sourceName, offsets, reason);
    return true;
  }
}
