package io.accesslog.flume.source.kafka;

import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The seam over the Kafka client: production code builds a {@link KafkaConsumer}, unit tests hand
 * in a {@code MockConsumer} with scripted failures.
 */
public interface ConsumerFactory {

  /** Builds a real {@link KafkaConsumer}; the properties must name byte-array deserializers. */
  ConsumerFactory KAFKA = KafkaConsumer::new;

  Consumer<byte[], byte[]> create(Properties consumerProperties);
}
