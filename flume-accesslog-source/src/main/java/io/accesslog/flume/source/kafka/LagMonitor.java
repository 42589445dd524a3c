package io.accesslog.flume.source.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the lag counters every {@code lag.refreshIntervalMillis}: one endOffsets request for
 * the assigned partitions, compared with the first offset not yet delivered (the oldest record held
 * in memory, else the consumer position). Unlike the client's own records-lag metric it keeps
 * growing while partitions are paused, which is when it matters. Consumer thread only.
 */
public final class LagMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<byte[], byte[]> consumer;
  private final Supplier<Map<TopicPartition, Long>> firstNotDelivered;
  private final java.util.function.Consumer<LagSummary> publish;
  private final long intervalMillis;
  private long nextRefreshMillis = Long.MIN_VALUE;

  /**
   * @param firstNotDelivered the oldest record not yet delivered, per partition that has one held
   *     in memory (the others are at the consumer position)
   * @param publish receives each refreshed summary (the component's counter)
   */
  public LagMonitor(
      Consumer<byte[], byte[]> consumer,
      Supplier<Map<TopicPartition, Long>> firstNotDelivered,
      java.util.function.Consumer<LagSummary> publish,
      long intervalMillis) {
    this.consumer = consumer;
    this.firstNotDelivered = firstNotDelivered;
    this.publish = publish;
    this.intervalMillis = intervalMillis;
  }

  /** Refreshes the lag counters if the interval has passed; a failure keeps the old figures. */
  public void maybeRefresh(long nowMillis) {
    if (intervalMillis == 0 || nowMillis < nextRefreshMillis) {
      return;
    }
    nextRefreshMillis = nowMillis + intervalMillis;
    Set<TopicPartition> assigned = consumer.assignment();
    if (assigned.isEmpty()) {
      publish.accept(LagSummary.EMPTY);
      return;
    }
    try {
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, REQUEST_TIMEOUT);
      Map<TopicPartition, Long> consumedUpTo = new HashMap<>(firstNotDelivered.get());
      for (TopicPartition partition : assigned) {
        if (!consumedUpTo.containsKey(partition)) {
          consumedUpTo.put(partition, consumer.position(partition, REQUEST_TIMEOUT));
        }
      }
      consumedUpTo.keySet().retainAll(assigned);
      publish.accept(LagSummary.of(end, consumedUpTo));
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn(
          "Could not refresh Kafka lag for {} partitions, keeping the previous figures; "
              + "next try in {} ms: {}",
          assigned.size(),
          intervalMillis,
          e.toString());
    }
  }
}
