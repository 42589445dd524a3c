package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.ConfigKey;
import io.accesslog.flume.source.kafka.KafkaConsumerConfig;
import io.accesslog.flume.source.kafka.KafkaConsumerSettings;
import io.accesslog.flume.source.kafka.KafkaSsl;
import io.accesslog.flume.source.kafka.KnownKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Everything the direct channel needs from its Flume {@link Context}, parsed and checked once.
 * Immutable. Every key is declared once below; {@link #markdownTable()} renders them (plus the
 * shared consumer keys of {@link KafkaConsumerConfig}) for the module README.
 */
final class DirectChannelSettings {

  static final String PRODUCER_PREFIX = "kafka.producer.";

  static final ConfigKey<String> TOPIC =
      ConfigKey.required(
          "kafka.topic",
          "one topic name ([a-zA-Z0-9._-], at most 249 characters)",
          "Topic the channel consumes (takes) and produces to (puts).",
          raw -> {
            if (!raw.matches("[a-zA-Z0-9._-]{1,249}")) {
              throw new IllegalArgumentException(raw);
            }
            return raw;
          });

  static final ConfigKey<Integer> TRANSACTION_CAPACITY =
      ConfigKey.optional(
          "transactionCapacity",
          "10000",
          "an integer from 1 to 1000000",
          "Most events one take or put transaction may hold; at least the sink's (or source's) "
              + "batchSize.",
          ConfigKey.intIn(1, 1_000_000));

  static final ConfigKey<Integer> BUFFER_MAX_RECORDS =
      ConfigKey.optional(
          "buffer.maxRecords",
          "20000",
          "an integer from 1 to 10000000",
          "Records polled and not yet taken kept in memory (reported as ChannelCapacity). At this "
              + "many every partition is paused, and resumed at half; the consumer thread keeps "
              + "polling meanwhile, so it stays in its group however slow the sinks are.",
          ConfigKey.intIn(1, 10_000_000));

  static final ConfigKey<Long> BUFFER_MAX_BYTES =
      ConfigKey.bytes(
          "buffer.maxBytes",
          "64MB",
          1024,
          16L << 30,
          "Bytes (record values and keys) polled and not yet taken; like buffer.maxRecords, every "
              + "partition is paused at this many and resumed at half. Bounds the heap for long "
              + "lines; a fetch already under way may go past it by one poll (max.poll.records).");

  static final ConfigKey<Long> TAKE_WAIT_MILLIS =
      ConfigKey.millis(
          "take.waitMillis",
          "500",
          0,
          10_000,
          "How long a take waits for a record when none is queued (like MemoryChannel's "
              + "keep-alive). A sink that outruns the consumer thread then fills its batch instead "
              + "of backing off; at the end of a burst a batch commits this much later.");

  static final ConfigKey<Long> REVOKE_WAIT_MILLIS =
      ConfigKey.millis(
          "revoke.waitMillis",
          "10000",
          0,
          600_000,
          "On a rebalance, how long a revoke waits for take transactions holding records of the "
              + "revoked partitions to commit, before committing offsets and letting them go (a "
              + "transaction that commits later is re-delivered to the next owner).");

  static final ConfigKey<String> KEY_HEADER =
      ConfigKey.optional(
          "keyHeader",
          "key",
          "a header name",
          "On put: the header whose value (UTF-8) becomes the Kafka record key, so one host's lines "
              + "stay in one partition. Without it the record has no key.",
          ConfigKey.nonEmpty());

  static final ConfigKey<String> PRODUCER_ACKS =
      ConfigKey.optional(
          PRODUCER_PREFIX + ProducerConfig.ACKS_CONFIG,
          "all",
          "all, -1, 0 or 1",
          "Acknowledgement a put commit waits for. Any other kafka.producer.* property is passed "
              + "through (SASL, SSL, compression.type, linger.ms, ...).",
          ConfigKey.oneOf("all", "-1", "0", "1"));

  static final ConfigKey<Boolean> PARSE_AS_FLUME_EVENT =
      ConfigKey.optional(
          "parseAsFlumeEvent",
          "false",
          "true or false",
          "Records are Flume AvroFlumeEvent envelopes, as a stock KafkaChannel writes them with its "
              + "default parseAsFlumeEvent = true: a take uses the envelope's body and headers (a "
              + "value that does not decode goes on raw with a 'decodeError' header and is counted), "
              + "a put writes an envelope with all the event's headers. Off by default, unlike "
              + "stock: the topic holds raw log lines.",
          ConfigKey.bool());

  static final List<ConfigKey<?>> KEYS =
      KafkaConsumerConfig.withConsumerKeys(
          KafkaConsumerConfig.BOOTSTRAP_SERVERS,
          TOPIC,
          KafkaConsumerConfig.GROUP_ID,
          TRANSACTION_CAPACITY,
          BUFFER_MAX_RECORDS,
          BUFFER_MAX_BYTES,
          TAKE_WAIT_MILLIS,
          REVOKE_WAIT_MILLIS,
          KEY_HEADER,
          KafkaConsumerConfig.TIMESTAMP_HEADER,
          PARSE_AS_FLUME_EVENT,
          KafkaConsumerConfig.LAG_REFRESH_MILLIS,
          PRODUCER_ACKS);

  /** Every key the channel's context may hold; stock KafkaChannel keys we do not take, and why. */
  static final KnownKeys KNOWN =
      KafkaConsumerConfig.knownKeys("channel", KEYS)
          .exact(Arrays.asList("type", ChannelInterceptors.KEY))
          .prefix(ChannelInterceptors.KEY + ".")
          .prefix(PRODUCER_PREFIX)
          .refuse("brokerList", "renamed: use kafka.bootstrap.servers")
          .refuse("topic", "renamed: use kafka.topic")
          .refuse(
              "readSmallestOffset",
              "renamed: use kafka.consumer.auto.offset.reset "
                  + "(earliest, the default here, or latest)")
          .refuse(
              "kafka.pollTimeout",
              "not needed: the channel's own consumer thread polls every "
                  + DirectConsumerLoop.POLL_MS
                  + " ms whatever the sinks do; how long a take waits for a "
                  + "record is take.waitMillis")
          .refuse(
              "partitionIdHeader",
              "not supported: a put goes to the partition of its key "
                  + "(keyHeader), so one host's lines stay in one partition and in order")
          .refuse(
              "defaultPartitionId",
              "not supported: a put goes to the partition of its key "
                  + "(keyHeader), so one host's lines stay in one partition and in order")
          .refuse(
              "capacity",
              "not a key of this channel: buffer.maxRecords and buffer.maxBytes "
                  + "bound what it holds in memory; Kafka holds the rest")
          .build();

  private final String topic;
  private final int transactionCapacity;
  private final int bufferMaxRecords;
  private final long bufferMaxBytes;
  private final long takeWaitMillis;
  private final long revokeWaitMillis;
  private final String keyHeader;
  private final boolean parseAsFlumeEvent;
  private final KafkaConsumerSettings consumer;
  private final Properties producerProperties;

  private DirectChannelSettings(Context context) {
    KNOWN.check(context);
    topic = TOPIC.read(context);
    transactionCapacity = TRANSACTION_CAPACITY.read(context);
    bufferMaxRecords = BUFFER_MAX_RECORDS.read(context);
    bufferMaxBytes = BUFFER_MAX_BYTES.read(context);
    takeWaitMillis = TAKE_WAIT_MILLIS.read(context);
    revokeWaitMillis = REVOKE_WAIT_MILLIS.read(context);
    keyHeader = KEY_HEADER.read(context);
    parseAsFlumeEvent = PARSE_AS_FLUME_EVENT.read(context);
    consumer = KafkaConsumerSettings.fromContext(context, transactionCapacity);
    producerProperties = producerProperties(context);
  }

  private static Properties producerProperties(Context context) {
    for (String key :
        new String[] {
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
        }) {
      String value = context.getString(PRODUCER_PREFIX + key);
      if (value != null) {
        throw new ConfigurationException(
            String.format(
                "%s value was set to '%s': the channel "
                    + "sets it itself (bytes; kafka.bootstrap.servers); remove it",
                PRODUCER_PREFIX + key, value));
      }
    }
    Properties props = new Properties();
    props.putAll(context.getSubProperties(PRODUCER_PREFIX));
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        KafkaConsumerConfig.BOOTSTRAP_SERVERS.read(context));
    props.put(ProducerConfig.ACKS_CONFIG, PRODUCER_ACKS.read(context));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaSsl.apply(props, PRODUCER_PREFIX);
    return props;
  }

  /**
   * Parses and checks the context (the {@code interceptors} keys are read by {@link
   * ChannelInterceptors}).
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  static DirectChannelSettings fromContext(Context context) {
    return new DirectChannelSettings(context);
  }

  String topic() {
    return topic;
  }

  int transactionCapacity() {
    return transactionCapacity;
  }

  int bufferMaxRecords() {
    return bufferMaxRecords;
  }

  long bufferMaxBytes() {
    return bufferMaxBytes;
  }

  long takeWaitMillis() {
    return takeWaitMillis;
  }

  long revokeWaitMillis() {
    return revokeWaitMillis;
  }

  String keyHeader() {
    return keyHeader;
  }

  boolean parseAsFlumeEvent() {
    return parseAsFlumeEvent;
  }

  /** The consumer properties, {@code timestampHeader} and {@code lag.refreshIntervalMillis}. */
  KafkaConsumerSettings consumer() {
    return consumer;
  }

  /** A fresh copy of the producer properties. */
  Properties producerProperties() {
    return KafkaConsumerConfig.copy(producerProperties);
  }

  /** The README table of all keys, one row per key, in declaration order. */
  static String markdownTable() {
    return ConfigKey.markdownTable(KEYS, "the channel")
        + "| `interceptors` | (none) | space-separated interceptor names | Interceptors run on "
        + "every event, in order, on the consumer thread ahead of take, configured as on a "
        + "source: `interceptors.<name>.type` (a Flume alias or an `Interceptor$Builder` class) "
        + "and its own keys under `interceptors.<name>.`. An event an interceptor drops is "
        + "acknowledged with the transaction that takes its place; one whose interceptor throws "
        + "goes on un-intercepted with an `interceptorError` header (counted). |\n";
  }
}
