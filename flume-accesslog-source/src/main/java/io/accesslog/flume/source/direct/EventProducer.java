package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.AvroEnvelopeEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The direct channel's put side: sends the events of a committing put transaction to the topic
 * (value = body, or with {@code parseAsFlumeEvent} an AvroFlumeEvent of body and headers; key = the
 * {@code keyHeader} header) and waits for Kafka's acknowledgement of every one. The Kafka producer
 * is thread-safe and shared by all put transactions; it is created on the first put, so a channel
 * that only feeds sinks never connects one.
 */
final class EventProducer implements AutoCloseable {

  /** The seam over the Kafka client (unit tests hand in a {@code MockProducer}). */
  interface Factory {
    Factory KAFKA = KafkaProducer::new;

    Producer<byte[], byte[]> create(Properties properties);
  }

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String channelName;
  private final String topic;
  private final String keyHeader;
  private final Properties properties;
  private final Factory factory;
  private final boolean envelopes;
  private Producer<byte[], byte[]> producer;

  EventProducer(String channelName, DirectChannelSettings settings, Factory factory) {
    this.channelName = channelName;
    this.topic = settings.topic();
    this.keyHeader = settings.keyHeader();
    this.properties = settings.producerProperties();
    this.factory = factory;
    this.envelopes = settings.parseAsFlumeEvent();
  }

  private synchronized Producer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = factory.create(properties);
    }
    return producer;
  }

  /**
   * Sends every event and returns once Kafka acknowledged all of them.
   *
   * @throws ChannelException if any send failed (the caller rolls back; a retry may duplicate the
   *     events that did arrive)
   */
  void sendAll(List<Event> events) throws InterruptedException {
    Producer<byte[], byte[]> p = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    AvroEnvelopeEncoder encoder = envelopes ? new AvroEnvelopeEncoder() : null;
    try {
      for (Event event : events) {
        String key = event.getHeaders().get(keyHeader);
        byte[] value = encoder == null ? event.getBody() : encoder.encode(event);
        acks.add(
            p.send(
                new ProducerRecord<>(
                    topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)));
      }
      p.flush();
    } catch (KafkaException e) {
      throw new ChannelException(
          channelName
              + ": producing "
              + events.size()
              + " events to "
              + topic
              + " failed after "
              + acks.size()
              + " sends",
          e);
    }
    int failed = 0;
    Throwable first = null;
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get();
      } catch (ExecutionException e) {
        failed++;
        first = first == null ? e.getCause() : first;
      }
    }
    if (failed > 0) {
      throw new ChannelException(
          channelName
              + ": Kafka did not acknowledge "
              + failed
              + " of "
              + events.size()
              + " events put to "
              + topic
              + "; rolling back",
          first);
    }
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
      producer = null;
    }
  }
}
