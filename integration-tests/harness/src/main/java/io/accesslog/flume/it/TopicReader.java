package io.accesslog.flume.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning without a consumer group (assign + seek), for checks in tests.
 */
public final class TopicReader {
  private TopicReader() {}

  /** One record as a test sees it. */
  public record Record(String key, String value, int partition, long offset) {}

  /**
   * Every record of {@code topic} until {@code expected} were read or {@code timeout} passed (then
   * what was read so far: the caller's assertion says what is missing).
   */
  public static List<Record> readAll(
      String bootstrapServers, String topic, long expected, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    List<Record> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          records.add(
              new Record(
                  r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                  r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                  r.partition(),
                  r.offset()));
        }
      }
    }
    return records;
  }
}
