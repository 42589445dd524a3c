package io.accesslog.flume.source;

/** Names of the headers the source puts on every event (documented in the module README). */
final class EventHeaders {

  /** Topic the record was read from. */
  static final String TOPIC = "topic";

  /** Partition number, decimal. */
  static final String PARTITION = "partition";

  /** Record offset, decimal. */
  static final String OFFSET = "offset";

  /** Kafka record timestamp, epoch milliseconds; absent if the record has none. */
  static final String KAFKA_TIMESTAMP = "kafkaTimestamp";

  /** Record key as UTF-8 text (the web server's hostname); absent for a null key. */
  static final String KEY = "key";

  /** Flume's conventional event-time header; set only when {@code timestampHeader = true}. */
  static final String TIMESTAMP = "timestamp";

  /** Set (to the reason) when Flume-Avro-envelope decoding failed and the body is raw. */
  static final String DECODE_ERROR = "decodeError";

  private EventHeaders() {}
}
