package io.accesslog.flume.source.kafka;

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
 * Commits to Kafka what the {@link OffsetTracker} says is delivered (in the channel, or committed
 * by the sink for the direct channel), synchronously. A failed commit (CommitFailedException after
 * an eviction, RebalanceInProgressException, a timeout) is counted and logged (the first of a run
 * of failures at WARN, the rest at DEBUG, the success that ends the run at INFO); the offsets stay
 * pending and are tried again on the next call. If the partition moves first, its records since the
 * last successful commit are re-delivered to the new owner: duplicates, never loss. Consumer thread
 * only.
 */
public final class OffsetCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);

  /** Where the offsets come from: the {@link OffsetTracker}, or a thread-safe view of one. */
  public interface Offsets {
    /** Offsets (next record to read) whose delivered prefix advanced past the last commit. */
    Map<TopicPartition, Long> toCommit();

    /** Records a successful commit of offsets obtained from {@link #toCommit()}. */
    void committed(Map<TopicPartition, Long> offsets);
  }

  /** The two counters a commit touches. */
  public interface Counts {
    void incrementKafkaCommit();

    void incrementKafkaCommitFailure();
  }

  private final String componentName;
  private final Consumer<byte[], byte[]> consumer;
  private final Offsets tracker;
  private final Counts counter;
  private int consecutiveFailures;

  public OffsetCommitter(
      String componentName, Consumer<byte[], byte[]> consumer, Offsets tracker, Counts counter) {
    this.componentName = componentName;
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
  public boolean commitDelivered(String reason) {
    Map<TopicPartition, Long> offsets = tracker.toCommit();
    if (offsets.isEmpty()) {
      consecutiveFailures = 0; // nothing owed any more (e.g. the partitions moved away)
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
      consecutiveFailures++;
      if (consecutiveFailures == 1) {
        LOG.warn(
            "{}: committing offsets {} ({}) failed; will retry, and if the partitions move "
                + "first their records since the last commit are re-delivered (duplicates): {}",
            componentName,
            offsets,
            reason,
            e.toString());
      } else {
        LOG.debug(
            "{}: committing offsets {} ({}) failed again (attempt {}): {}",
            componentName,
            offsets,
            reason,
            consecutiveFailures,
            e.toString());
      }
      return false;
    }
    tracker.committed(offsets);
    counter.incrementKafkaCommit();
    if (consecutiveFailures > 0) {
      LOG.info(
          "{}: committed offsets {} ({}) after {} failed attempts",
          componentName,
          offsets,
          reason,
          consecutiveFailures);
      consecutiveFailures = 0;
    } else {
      LOG.debug("{}: committed offsets {} ({})", componentName, offsets, reason);
    }
    return true;
  }
}
