package io.accesslog.flume.source;

import io.accesslog.flume.core.Backoff;
import io.accesslog.flume.source.kafka.ConfigKey;
import io.accesslog.flume.source.kafka.HeaderMapping;
import io.accesslog.flume.source.kafka.KafkaConsumerConfig;
import io.accesslog.flume.source.kafka.KafkaConsumerSettings;
import io.accesslog.flume.source.kafka.KnownKeys;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * Everything the source needs from its Flume {@link Context}, parsed and checked once. Immutable;
 * components hold this, never the context. Every key is declared once below (name, default, allowed
 * values, doc); {@link #markdownTable()} renders them for the module README.
 */
final class SourceSettings {

  static final ConfigKey<List<String>> TOPICS =
      ConfigKey.unset(
          "kafka.topics",
          "a comma-separated list of topic names ([a-zA-Z0-9._-], at most 249 characters each)",
          "Topics to subscribe to. Exactly one of kafka.topics and kafka.topics.regex must be set.",
          ConfigKey.list("[a-zA-Z0-9._-]{1,249}"));

  static final ConfigKey<Pattern> TOPICS_REGEX =
      ConfigKey.unset(
          "kafka.topics.regex",
          "a Java regular expression",
          "Subscribe to every topic whose whole name matches, including topics created later "
              + "(Kafka checks every metadata.max.age.ms, default 5 min). Instead of kafka.topics.",
          raw -> {
            try {
              return Pattern.compile(raw);
            } catch (PatternSyntaxException e) {
              throw new IllegalArgumentException(e.getDescription(), e);
            }
          });

  static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.optional(
          "batchSize",
          "1000",
          "an integer from 1 to 100000",
          "Most events written to the channel in one transaction. The channel's "
              + "transactionCapacity must be at least this.",
          ConfigKey.intIn(1, 100_000));

  static final ConfigKey<Long> BATCH_DURATION_MILLIS =
      ConfigKey.millis(
          "batchDurationMillis",
          "1000",
          1,
          600_000,
          "Longest time spent polling Kafka to fill one batch.");

  static final ConfigKey<Long> RETRY_INITIAL_MILLIS =
      ConfigKey.millis(
          "backoff.initialMillis",
          "100",
          1,
          600_000,
          "First wait before retrying a batch the channel refused (full or failing); doubles per "
              + "failed attempt. The consumer keeps polling (partitions paused) while waiting.");

  static final ConfigKey<Long> RETRY_MAX_MILLIS =
      ConfigKey.millis(
          "backoff.maxMillis",
          "5000",
          1,
          600_000,
          "Longest wait between two retries of a refused batch; at least "
              + "backoff.initialMillis.");

  static final ConfigKey<Long> IDLE_BACKOFF_INCREMENT =
      ConfigKey.millis(
          "backoffSleepIncrement",
          "1000",
          1,
          600_000,
          "Flume's PollableSourceRunner: sleep added per consecutive empty poll.");

  static final ConfigKey<Long> IDLE_BACKOFF_MAX =
      ConfigKey.millis(
          "maxBackoffSleep",
          "5000",
          1,
          600_000,
          "Flume's PollableSourceRunner: longest sleep after empty polls, at most half "
              + "of kafka.consumer.max.poll.interval.ms. The consumer does not poll while the runner "
              + "sleeps.");

  static final ConfigKey<Boolean> SET_TOPIC_HEADER =
      ConfigKey.optional(
          "setTopicHeader",
          "true",
          "true or false",
          "Put the record's topic into the header named by topicHeader (unless the event already "
              + "has it), as stock KafkaSource does.",
          ConfigKey.bool());

  static final ConfigKey<String> TOPIC_HEADER =
      ConfigKey.optional(
          "topicHeader",
          "topic",
          "a header name",
          "Header for the topic when setTopicHeader is true.",
          ConfigKey.nonEmpty());

  static final ConfigKey<Boolean> FLUME_EVENT_FORMAT =
      ConfigKey.optional(
          "useFlumeEventFormat",
          "false",
          "true or false",
          "Values are Flume AvroFlumeEvent envelopes (as written by Flume's Kafka sink/channel with "
              + "the same option): use their body and headers. A value that does not decode is "
              + "passed on raw with a 'decodeError' header and counted, never skipped.",
          ConfigKey.bool());

  static final List<ConfigKey<?>> KEYS =
      KafkaConsumerConfig.withConsumerKeys(
          KafkaConsumerConfig.BOOTSTRAP_SERVERS,
          TOPICS,
          TOPICS_REGEX,
          KafkaConsumerConfig.GROUP_ID,
          BATCH_SIZE,
          BATCH_DURATION_MILLIS,
          RETRY_INITIAL_MILLIS,
          RETRY_MAX_MILLIS,
          IDLE_BACKOFF_INCREMENT,
          IDLE_BACKOFF_MAX,
          KafkaConsumerConfig.TIMESTAMP_HEADER,
          SET_TOPIC_HEADER,
          TOPIC_HEADER,
          FLUME_EVENT_FORMAT,
          KafkaConsumerConfig.LAG_REFRESH_MILLIS);

  /** Every key the source's context may hold; stock keys we do not take, with why. */
  static final KnownKeys KNOWN =
      KafkaConsumerConfig.knownKeys("source", KEYS)
          .exact(KnownKeys.FLUME_SOURCE_KEYS)
          .prefixes(KnownKeys.FLUME_SOURCE_PREFIXES)
          .prefix(HeaderMapping.PREFIX)
          .refuse("topic", "renamed: use kafka.topics")
          .build();

  private final List<String> topics;
  private final Pattern topicPattern;
  private final String topicHeader;
  private final HeaderMapping headerMapping;
  private final int batchSize;
  private final long batchDurationMillis;
  private final Backoff retryBackoff;
  private final long idleBackoffIncrementMillis;
  private final long idleBackoffMaxMillis;
  private final boolean flumeEventFormat;
  private final KafkaConsumerSettings consumer;

  private SourceSettings(Context context) {
    KNOWN.check(context);
    List<String> topicList = TOPICS.readIfSet(context);
    topicPattern = TOPICS_REGEX.readIfSet(context);
    if ((topicList == null) == (topicPattern == null)) {
      throw new ConfigurationException(
          String.format(
              "exactly one of %s and %s must be set; " + "they are %s",
              TOPICS.name(),
              TOPICS_REGEX.name(),
              topicList == null
                  ? "both unset"
                  : "both set (stock KafkaSource silently used the regex)"));
    }
    topics = topicList == null ? Collections.<String>emptyList() : topicList;
    topicHeader = SET_TOPIC_HEADER.read(context) ? TOPIC_HEADER.read(context) : null;
    headerMapping = HeaderMapping.fromContext(context);
    batchSize = BATCH_SIZE.read(context);
    batchDurationMillis = BATCH_DURATION_MILLIS.read(context);
    long retryInitial = RETRY_INITIAL_MILLIS.read(context);
    long retryMax = RETRY_MAX_MILLIS.read(context);
    if (retryMax < retryInitial) {
      throw new ConfigurationException(
          String.format(
              "%s (%d) must be at least %s (%d)",
              RETRY_MAX_MILLIS.name(), retryMax, RETRY_INITIAL_MILLIS.name(), retryInitial));
    }
    retryBackoff = new Backoff(retryInitial, retryMax);
    idleBackoffIncrementMillis = IDLE_BACKOFF_INCREMENT.read(context);
    idleBackoffMaxMillis = IDLE_BACKOFF_MAX.read(context);
    flumeEventFormat = FLUME_EVENT_FORMAT.read(context);
    consumer = KafkaConsumerSettings.fromContext(context, batchSize);

    // The runner's idle sleep is a stretch without poll(); Kafka evicts a consumer that exceeds
    // max.poll.interval.ms and its partitions are re-read by another member. (Retry waits are
    // not: the source polls, paused, while it waits.)
    requireBelow(IDLE_BACKOFF_MAX.name(), idleBackoffMaxMillis, consumer.maxPollIntervalMillis());
  }

  private static void requireBelow(String key, long value, long maxPollInterval) {
    if (value * 2 > maxPollInterval) {
      throw new ConfigurationException(
          String.format(
              "%s (%d) must be at most half of %s (%d), or Kafka may evict the consumer from its group "
                  + "while it waits",
              key, value, KafkaConsumerConfig.MAX_POLL_INTERVAL_MS.name(), maxPollInterval));
    }
  }

  /**
   * Parses and checks the context.
   *
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  static SourceSettings fromContext(Context context) {
    return new SourceSettings(context);
  }

  /** The topic list, empty when subscribing by {@link #topicPattern()}. */
  List<String> topics() {
    return topics;
  }

  /** The {@code kafka.topics.regex} pattern, or null for a topic list. */
  Pattern topicPattern() {
    return topicPattern;
  }

  /** What the source subscribes to, for log lines. */
  String subscription() {
    return topicPattern == null ? "topics " + topics : "topics matching /" + topicPattern + "/";
  }

  /** The topic header's name, or null when {@code setTopicHeader = false}. */
  String topicHeader() {
    return topicHeader;
  }

  HeaderMapping headerMapping() {
    return headerMapping;
  }

  int batchSize() {
    return batchSize;
  }

  long batchDurationMillis() {
    return batchDurationMillis;
  }

  Backoff retryBackoff() {
    return retryBackoff;
  }

  long idleBackoffIncrementMillis() {
    return idleBackoffIncrementMillis;
  }

  long idleBackoffMaxMillis() {
    return idleBackoffMaxMillis;
  }

  boolean flumeEventFormat() {
    return flumeEventFormat;
  }

  /** The consumer properties, {@code timestampHeader} and {@code lag.refreshIntervalMillis}. */
  KafkaConsumerSettings consumer() {
    return consumer;
  }

  /** The README table of all keys, one row per key, in declaration order. */
  static String markdownTable() {
    return ConfigKey.markdownTable(KEYS, "the source")
        + "| `header.NAME` | (none) | a Kafka record header name | Copy the Kafka record header "
        + "named by the value into the Flume header NAME (its last value, as UTF-8; a null "
        + "value is skipped), as stock KafkaSource does. Wins over an envelope header, "
        + "`timestamp` and the topic header; NAME may not be partition, offset, kafkaTimestamp "
        + "or key. |\n";
  }
}
