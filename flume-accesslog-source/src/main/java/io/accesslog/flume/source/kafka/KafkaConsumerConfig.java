package io.accesslog.flume.source.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Turns the {@code kafka.*} keys of the Flume context into the Kafka consumer's properties: every
 * {@code kafka.consumer.*} key is passed through (SASL and SSL included), a few are given safer
 * defaults, and the ones that would break ack-after-commit are rejected. Stock Flume's SSL
 * conveniences apply as well ({@link KafkaSsl}).
 */
public final class KafkaConsumerConfig {

  static final String PREFIX = "kafka.consumer.";

  public static final ConfigKey<String> BOOTSTRAP_SERVERS =
      ConfigKey.required(
          "kafka.bootstrap.servers",
          "a comma-separated list of host:port",
          "Kafka brokers to bootstrap from.",
          ConfigKey.nonEmpty());

  public static final ConfigKey<String> GROUP_ID =
      ConfigKey.required(
          PREFIX + ConsumerConfig.GROUP_ID_CONFIG,
          "a non-empty consumer group id",
          "Consumer group; offsets are committed to it. Required: a shared default group would "
              + "silently split data between unrelated agents.",
          ConfigKey.nonEmpty());

  static final ConfigKey<String> AUTO_OFFSET_RESET =
      ConfigKey.optional(
          PREFIX + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
          "earliest",
          "earliest, latest or none",
          "Where a group with no committed offset starts. Unlike Kafka's and stock Flume's 'latest', "
              + "'earliest' means a new group reads what is retained instead of skipping it.",
          ConfigKey.oneOf("earliest", "latest", "none"));

  static final ConfigKey<Boolean> ENABLE_AUTO_COMMIT =
      ConfigKey.optional(
          PREFIX + ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
          "false",
          "false",
          "Always false: offsets are committed by the plugin itself, only after the records are "
              + "delivered (source: channel commit; direct channel: sink commit).",
          raw -> {
            if (!ConfigKey.bool().parse(raw).equals(Boolean.FALSE)) {
              throw new IllegalArgumentException(raw);
            }
            return Boolean.FALSE;
          });

  static final ConfigKey<String> ASSIGNMENT_STRATEGY =
      ConfigKey.optional(
          PREFIX + ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName(),
          "a comma-separated list of assignor classes",
          "Cooperative-sticky moves only the partitions that must move, so a rebalance does not "
              + "stop the whole group.",
          ConfigKey.nonEmpty());

  static final ConfigKey<Integer> MAX_POLL_RECORDS =
      ConfigKey.computed(
          PREFIX + ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
          "batchSize (source) / transactionCapacity (channel)",
          "an integer from 1",
          "Records one poll() may return; records beyond a batch are buffered, never dropped.",
          ConfigKey.intIn(1, Integer.MAX_VALUE));

  public static final ConfigKey<Integer> MAX_POLL_INTERVAL_MS =
      ConfigKey.optional(
          PREFIX + ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
          "300000",
          "an integer from 1",
          "Kafka's limit between two poll() calls. The source keeps polling while the channel is "
              + "full (maxBackoffSleep must be at most half of it); the direct channel polls from its "
              + "own thread whatever the sinks do.",
          ConfigKey.intIn(1, Integer.MAX_VALUE));

  public static final ConfigKey<Boolean> TIMESTAMP_HEADER =
      ConfigKey.optional(
          "timestampHeader",
          "true",
          "true or false",
          "Copy the Kafka record timestamp into Flume's conventional 'timestamp' header, as stock "
              + "KafkaSource always does (sinks with %Y escapes need it), unless the event already "
              + "has one (from its Flume envelope or a header.NAME mapping). The access-log "
              + "interceptor overwrites it with the line's own time.",
          ConfigKey.bool());

  public static final ConfigKey<Long> LAG_REFRESH_MILLIS =
      ConfigKey.millisOrOff(
          "lag.refreshIntervalMillis",
          "30000",
          1000,
          86_400_000L,
          "How often the consumer lag counters are refreshed (one endOffsets request, at most 5 s).");

  static final String PASS_THROUGH =
      "Any other consumer property, passed through unchanged "
          + "(SASL, SSL, client.id, session.timeout.ms, ...). Stock Flume's "
          + "`kafka.consumer.ssl.disableTLSHostnameVerification = true` and the agent-wide "
          + "keystore/truststore (`-Djavax.net.ssl.*` or `FLUME_SSL_*`) apply as in stock Flume.";

  /** Keys the source decides itself; setting them is an error with a hint. */
  private static final Map<String, String> FORBIDDEN;

  static {
    Map<String, String> forbidden = new LinkedHashMap<>();
    forbidden.put(
        PREFIX + ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        "keys are always read as bytes (the key header is their UTF-8 text); remove it");
    forbidden.put(
        PREFIX + ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        "values are always read as bytes; remove it");
    forbidden.put(
        PREFIX + ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "set kafka.bootstrap.servers instead");
    FORBIDDEN = Collections.unmodifiableMap(forbidden);
  }

  static final List<ConfigKey<?>> KEYS =
      Collections.unmodifiableList(
          Arrays.<ConfigKey<?>>asList(
              BOOTSTRAP_SERVERS,
              GROUP_ID,
              AUTO_OFFSET_RESET,
              ENABLE_AUTO_COMMIT,
              ASSIGNMENT_STRATEGY,
              MAX_POLL_RECORDS,
              MAX_POLL_INTERVAL_MS));

  private KafkaConsumerConfig() {}

  /**
   * {@code keys}, in order, then the consumer keys of {@link #KEYS} they do not list: the key list
   * of a component that reads the consumer keys (the source, the direct channel).
   */
  public static List<ConfigKey<?>> withConsumerKeys(ConfigKey<?>... keys) {
    List<ConfigKey<?>> all = new ArrayList<>(Arrays.asList(keys));
    for (ConfigKey<?> key : KEYS) {
      if (!all.contains(key)) {
        all.add(key);
      }
    }
    return Collections.unmodifiableList(all);
  }

  /**
   * The known keys of a component that reads the consumer keys: {@code keys}, anything under {@link
   * #PREFIX}, and the stock ZooKeeper-era and renamed keys both stock Kafka components took.
   */
  public static KnownKeys.Builder knownKeys(String component, List<ConfigKey<?>> keys) {
    return KnownKeys.builder(component)
        .keys(keys)
        .prefix(PREFIX)
        .refuse("groupId", "renamed: use kafka.consumer.group.id")
        .refuse(
            "zookeeperConnect",
            "not supported: set kafka.bootstrap.servers (the brokers are "
                + "not looked up in ZooKeeper)")
        .refuse(
            "migrateZookeeperOffsets",
            "not needed: offsets are kept in Kafka's consumer group "
                + "only. Offsets a Flume older than 1.7 kept in ZooKeeper are not migrated: run stock "
                + "Flume once with the same group to migrate them, then remove this key");
  }

  /** A fresh copy, so that callers cannot change the settings' own properties. */
  public static Properties copy(Properties properties) {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** Rejected keys and why, for the README. */
  static Map<String, String> forbiddenKeys() {
    return FORBIDDEN;
  }

  /**
   * Builds the consumer properties.
   *
   * @param batchSize the source's batch size or the channel's transaction capacity, the default for
   *     {@code max.poll.records}
   * @throws ConfigurationException naming the first bad key
   */
  public static Properties build(Context context, int batchSize) {
    for (Map.Entry<String, String> entry : FORBIDDEN.entrySet()) {
      String value = context.getString(entry.getKey());
      if (value != null) {
        throw new ConfigurationException(
            String.format("%s value was set to '%s': %s", entry.getKey(), value, entry.getValue()));
      }
    }
    Properties props = new Properties();
    props.putAll(context.getSubProperties(PREFIX));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS.read(context));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID.read(context));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, AUTO_OFFSET_RESET.read(context));
    props.put(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ENABLE_AUTO_COMMIT.read(context).toString());
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ASSIGNMENT_STRATEGY.read(context));
    Integer maxPollRecords = MAX_POLL_RECORDS.readIfSet(context);
    props.put(
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        String.valueOf(maxPollRecords == null ? batchSize : maxPollRecords.intValue()));
    props.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, MAX_POLL_INTERVAL_MS.read(context).toString());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaSsl.apply(props, PREFIX);
    return props;
  }
}
