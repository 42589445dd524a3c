package io.accesslog.flume.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.event.SimpleEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.RecordBatch;

/**
 * Turns a Kafka record into a Flume event: the raw value as the body (a null value becomes an
 * empty body, never a skipped record) and the {@link EventHeaders}. In Flume-Avro-envelope mode
 * the value is decoded first (envelope headers, then ours on top); a value that does not decode
 * is passed on raw with a {@link EventHeaders#DECODE_ERROR} header, never skipped. Consumer
 * thread only (the Avro decoder is reused).
 */
final class RecordEventConverter {

  private static final byte[] EMPTY = new byte[0];

  private final boolean timestampHeader;
  private final AvroEnvelopeDecoder avro;

  RecordEventConverter(boolean timestampHeader, boolean flumeEventFormat) {
    this.timestampHeader = timestampHeader;
    this.avro = flumeEventFormat ? new AvroEnvelopeDecoder() : null;
  }

  Event toEvent(ConsumerRecord<byte[], byte[]> record) {
    // Room for our 5 headers plus the access-log interceptor's 4 (5 on an error line: it grows).
    CompactHeaders headers = new CompactHeaders(10);
    byte[] body = record.value() == null ? EMPTY : record.value();
    if (avro != null && record.value() != null) {
      try {
        AvroEnvelopeDecoder.Envelope envelope = avro.decode(record.value());
        headers.putAll(envelope.headers);
        body = envelope.body;
      } catch (AvroEnvelopeDecoder.DecodeException e) {
        headers.put(EventHeaders.DECODE_ERROR, e.getMessage());
      }
    }
    headers.put(EventHeaders.TOPIC, record.topic());
    headers.put(EventHeaders.PARTITION, partitionText(record.partition()));
    headers.putNumber(EventHeaders.OFFSET, record.offset());
    if (record.timestamp() != RecordBatch.NO_TIMESTAMP && record.timestamp() >= 0) {
      headers.putNumber(EventHeaders.KAFKA_TIMESTAMP, record.timestamp());
      if (timestampHeader) {
        headers.putNumber(EventHeaders.TIMESTAMP, record.timestamp());
      }
    }
    if (record.key() != null) {
      headers.put(EventHeaders.KEY, new String(record.key(), StandardCharsets.UTF_8));
    }
    // Not EventBuilder.withBody: it copies the header map, a second HashMap per event on the hot path.
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
        ? PARTITION_TEXT[partition] : Integer.toString(partition);
  }

  List<Event> toEvents(List<ConsumerRecord<byte[], byte[]>> records) {
    List<Event> events = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      events.add(toEvent(record));
    }
    return events;
  }
}
