package io.accesslog.flume.source.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.event.SimpleEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Turns a Kafka record into a Flume event: the raw value as the body (a null value becomes an empty
 * body, never a skipped record) and the {@link EventHeaders}. In Flume-Avro-envelope mode the value
 * is decoded first; a value that does not decode is passed on raw with a {@link
 * EventHeaders#DECODE_ERROR} header, never skipped. Consumer (or prepare) thread only: the Avro
 * decoder is reused.
 *
 * <p>Header precedence follows stock KafkaSource: envelope headers first, then the mapped Kafka
 * headers ({@code header.NAME}) over them, then {@code timestamp} and the topic header only if
 * still absent; {@code partition}, {@code offset}, {@code kafkaTimestamp} and {@code key} always
 * describe the record itself. Hot path: one map per event, no work for a feature that is off.
 */
public final class RecordEventConverter {

  private static final byte[] EMPTY = new byte[0];

  private final boolean timestampHeader;
  private final String topicHeader;
  private final HeaderMapping mapping;
  private final AvroEnvelopeDecoder avro;

  /**
   * @param timestampHeader copy the record timestamp into {@code timestamp} when absent
   * @param flumeEventFormat values are AvroFlumeEvent envelopes
   * @param topicHeader header for the record's topic when absent, or null for none
   * @param mapping Kafka record headers to copy ({@link HeaderMapping#NONE} for none)
   */
  public RecordEventConverter(
      boolean timestampHeader,
      boolean flumeEventFormat,
      String topicHeader,
      HeaderMapping mapping) {
    this.timestampHeader = timestampHeader;
    this.topicHeader = topicHeader;
    this.mapping = mapping.isEmpty() ? null : mapping;
    this.avro = flumeEventFormat ? new AvroEnvelopeDecoder() : null;
  }

  /** The direct channel's and the tests' form: topic header {@code topic}, no mapping. */
  public RecordEventConverter(boolean timestampHeader, boolean flumeEventFormat) {
    this(timestampHeader, flumeEventFormat, EventHeaders.TOPIC, HeaderMapping.NONE);
  }

  /** Whether values are decoded as Flume Avro envelopes (so a decode error is possible). */
  public boolean decodesEnvelopes() {
    return avro != null;
  }

  public Event toEvent(ConsumerRecord<byte[], byte[]> record) {
    // Room for our 6 headers plus the access-log interceptor's app, host and type (its timestamp
    // replaces ours; an error line adds one more: it grows).
    CompactHeaders headers = new CompactHeaders(10);
    // Whether an envelope or a mapping may already have put timestamp or the topic header: only
    // then is a lookup needed before putting them (stock: theirs win).
    boolean preset = false;
    byte[] body = record.value() == null ? EMPTY : record.value();
    if (avro != null && record.value() != null) {
      preset = true;
      try {
        AvroEnvelopeDecoder.Envelope envelope = avro.decode(record.value());
        headers.putAll(envelope.headers);
        body = envelope.body;
      } catch (AvroEnvelopeDecoder.DecodeException e) {
        headers.put(EventHeaders.DECODE_ERROR, e.getMessage());
      }
    }
    if (mapping != null) {
      preset = true;
      mapping.apply(record.headers(), headers);
    }
    if (topicHeader != null && !(preset && headers.containsKey(topicHeader))) {
      headers.put(topicHeader, record.topic());
    }
    headers.put(EventHeaders.PARTITION, partitionText(record.partition()));
    headers.putNumber(EventHeaders.OFFSET, record.offset());
    if (record.timestamp() != RecordBatch.NO_TIMESTAMP && record.timestamp() >= 0) {
      headers.putNumber(EventHeaders.KAFKA_TIMESTAMP, record.timestamp());
      if (timestampHeader && !(preset && headers.containsKey(EventHeaders.TIMESTAMP))) {
        headers.putNumber(EventHeaders.TIMESTAMP, record.timestamp());
      }
    }
    if (record.key() != null) {
      headers.put(EventHeaders.KEY, new String(record.key(), StandardCharsets.UTF_8));
    }
    // Not EventBuilder.withBody: it copies the header map, a second HashMap per event on the hot
    // path.
    SimpleEvent event = new SimpleEvent();
    event.setBody(body);
    event.setHeaders(headers);
    return event;
  }

  private static final String[] PARTITION_TEXT = new String[1024];

  static {
    for (int p = 0; p < PARTITION_TEXT.length; p++) {
      PARTITION_TEXT[p] = Integer.toString(p);
    }
  }

  private static String partitionText(int partition) {
    return partition >= 0 && partition < PARTITION_TEXT.length
        ? PARTITION_TEXT[partition]
        : Integer.toString(partition);
  }

  public List<Event> toEvents(List<ConsumerRecord<byte[], byte[]>> records) {
    List<Event> events = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      events.add(toEvent(record));
    }
    return events;
  }
}
