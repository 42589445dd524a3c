package io.accesslog.flume.it;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's committed offsets, read with an AdminClient (what Kafka would resume from). */
public final class KafkaOffsets {
  private KafkaOffsets() {}

  /** Committed offset per partition; empty when the group has committed nothing. */
  public static Map<TopicPartition, Long> committed(KafkaBroker kafka, String group) {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> result = new java.util.TreeMap<>(
          java.util.Comparator.comparing(TopicPartition::toString));
      offsets.forEach((tp, om) -> {
        if (om != null) {
          result.put(tp, om.offset());
        }
      });
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading offsets of group " + group, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read committed offsets of group " + group + " on "
          + kafka.bootstrapServers(), e);
    }
  }

  /** Sum of the committed offsets (= records acknowledged, for topics produced from offset 0). */
  public static long committedTotal(KafkaBroker kafka, String group) {
    return committed(kafka, group).values().stream().mapToLong(Long::longValue).sum();
  }
}
