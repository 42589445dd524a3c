package io.accesslog.flume.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where records are in a topic and how far a consumer group has committed: for exactly-once
 * accounting.
 */
public final class KafkaOffsets {
  /** One record's place in its topic. */
  public record Position(int partition, long offset) {}

  private KafkaOffsets() {}

  /** The group's committed offset per partition of {@code topic} (absent: nothing committed). */
  public static Map<Integer, Long> committed(KafkaBroker kafka, String group, String topic) {
    Map<Integer, Long> result = new TreeMap<>();
    committed(kafka, group)
        .forEach(
            (tp, offset) -> {
              if (tp.topic().equals(topic)) {
                result.put(tp.partition(), offset);
              }
            });
    return result;
  }

  /**
   * The group's committed offset per partition of every topic; empty when it has committed nothing.
   */
  public static Map<TopicPartition, Long> committed(KafkaBroker kafka, String group) {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, Long> result =
          new TreeMap<>(Comparator.comparing(TopicPartition::toString));
      offsets.forEach(
          (tp, om) -> {
            if (om != null) {
              result.put(tp, om.offset());
            }
          });
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the offsets of group " + group, e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not read the offsets of group " + group + " on " + kafka.bootstrapServers(), e);
    }
  }

  /**
   * Waits until {@code members} consumers of {@code group} each hold at least one partition of
   * {@code topic} in a stable group: a test that asserts every agent of a group took part produces
   * only after this, so one agent cannot drain a small topic before the others have joined.
   */
  public static void awaitSpread(
      KafkaBroker kafka, String group, String topic, int members, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "not described yet";
    try (Admin admin = kafka.admin()) {
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription description =
            admin
                .describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(30, TimeUnit.SECONDS);
        long holding =
            description.members().stream()
                .filter(
                    m ->
                        m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(topic)))
                .count();
        last =
            description.state()
                + ", "
                + holding
                + " of "
                + description.members().size()
                + " member(s) hold partitions of "
                + topic;
        if (description.state() == ConsumerGroupState.STABLE && holding >= members) {
          return;
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for group " + group, e);
    } catch (Exception e) {
      throw new IllegalStateException("could not describe group " + group, e);
    }
    throw new IllegalStateException(
        "group "
            + group
            + ": "
            + members
            + " member(s) holding partitions of "
            + topic
            + " not reached within "
            + timeout
            + " ("
            + last
            + ")");
  }

  /** Sum of the committed offsets (= records acknowledged, for topics produced from offset 0). */
  public static long committedTotal(KafkaBroker kafka, String group) {
    return committed(kafka, group).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records of {@code topic} not yet committed by {@code group}. */
  public static long lag(KafkaBroker kafka, String group, String topic) {
    Map<Integer, Long> committed = committed(kafka, group, topic);
    long lag = 0;
    for (Map.Entry<Integer, Long> end : endOffsets(kafka, topic).entrySet()) {
      lag += end.getValue() - committed.getOrDefault(end.getKey(), 0L);
    }
    return lag;
  }

  public static Map<Integer, Long> endOffsets(KafkaBroker kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      Map<Integer, Long> result = new TreeMap<>();
      consumer.endOffsets(partitions).forEach((tp, o) -> result.put(tp.partition(), o));
      return result;
    }
  }

  /**
   * Every record value of {@code topic} (as UTF-8 text) and where it is; a value stored twice keeps
   * its first place.
   */
  public static Map<String, Position> index(KafkaBroker kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Map<String, Position> index = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read " + topic + " to its end within 2 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          index.putIfAbsent(
              new String(r.value(), StandardCharsets.UTF_8),
              new Position(r.partition(), r.offset()));
        }
      }
      return index;
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String topic) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(topic, p.partition()));
    }
    return partitions;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaBroker kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
