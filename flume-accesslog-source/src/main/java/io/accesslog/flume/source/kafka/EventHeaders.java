package io.accesslog.flume.source.kafka;

/** Names of the headers the source puts on every event (documented in the module README). */
public final class EventHeaders {

  /** Topic the record was read from. */
  public static final String TOPIC = "topic";

  /** Partition number, decimal. */
  public static final String PARTITION = "partition";

  /** Record offset, decimal. */
  public static final String OFFSET = "offset";

  /** Kafka record timestamp, epoch milliseconds; absent if the record has none. */
  public static final String KAFKA_TIMESTAMP = "kafkaTimestamp";

  /** Record key as UTF-8 text (the web server's hostname); absent for a null key. */
  public static final String KEY = "key";

  /** Flume's conventional event-time header; set only when {@code timestampHeader = true}. */
  public static final String TIMESTAMP = "timestamp";

  /** Set (to the reason) when Flume-Avro-envelope decoding failed and the body is raw. */
  public static final String DECODE_ERROR = "decodeError";

  private EventHeaders() {}
}
