package io.accesslog.flume.it;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces generated access lines into a topic the way edge agents do: record key = web server
 * hostname (so one host's lines stay in order in one partition), record timestamp = event time.
 */
public final class KafkaLoader {
  private KafkaLoader() {}

  /** What was produced: a digest of every line plus lines per host. */
  public record Loaded(LineDigest digest, Map<String, Long> linesPerHost) {
    public long lines() {
      return digest.lines();
    }
  }

  /** Produces raw lines (e.g. deliberately bad ones) with the given key and record timestamp. */
  public static void produceRaw(
      String bootstrapServers, String topic, String key, long timestamp, List<String> lines) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            producerProps(bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
      for (String line : lines) {
        producer.send(
            new ProducerRecord<>(
                topic, null, timestamp, key, line.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  public static Loaded produce(
      String bootstrapServers, String topic, AccessLogGenerator generator, LongConsumer progress) {
    return produce(bootstrapServers, topic, generator, progress, line -> {});
  }

  /**
   * Produces every line the generator yields; {@code sink} also sees each line (e.g. to keep them).
   */
  public static Loaded produce(
      String bootstrapServers,
      String topic,
      AccessLogGenerator generator,
      LongConsumer progress,
      Consumer<AccessLine> sink) {
    return produce(bootstrapServers, topic, generator, progress, sink, 0);
  }

  /**
   * As {@link #produce(String, String, AccessLogGenerator, LongConsumer, Consumer)}, at most {@code
   * linesPerSecond} (0: as fast as possible): a steady load for tests that disturb the pipeline
   * while it runs. {@code sink} is called on the producing thread.
   */
  public static Loaded produce(
      String bootstrapServers,
      String topic,
      AccessLogGenerator generator,
      LongConsumer progress,
      Consumer<AccessLine> sink,
      int linesPerSecond) {
    long started = System.nanoTime();
    Properties props = producerProps(bootstrapServers);
    LineDigest digest = new LineDigest();
    Map<String, Long> perHost = new TreeMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long sent = 0;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      while (generator.hasNext()) {
        AccessLine line = generator.next();
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                line.eventMillis(),
                line.host(),
                line.line().getBytes(StandardCharsets.UTF_8)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        digest.add(line.line());
        perHost.merge(line.host(), 1L, Long::sum);
        sink.accept(line);
        sent++;
        if (linesPerSecond > 0 && sent % 500 == 0) {
          long wait = started + sent * 1_000_000_000L / linesPerSecond - System.nanoTime();
          if (wait > 0) {
            KafkaBroker.sleepQuietly(wait / 1_000_000);
          }
        }
        if (sent % 50_000 == 0) {
          progress.accept(sent);
          if (failure.get() != null) {
            break;
          }
        }
      }
      producer.flush();
      producer.close(Duration.ofSeconds(60));
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "producing to " + topic + " on " + bootstrapServers + " failed", failure.get());
    }
    progress.accept(sent);
    return new Loaded(digest, perHost);
  }

  private static Properties producerProps(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // One request in flight per broker connection: with many partitions (e.g. one per host) and up
    // to
    // five in flight, the loader saw endless OUT_OF_ORDER_SEQUENCE_NUMBER retries on the test
    // broker.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return props;
  }
}
