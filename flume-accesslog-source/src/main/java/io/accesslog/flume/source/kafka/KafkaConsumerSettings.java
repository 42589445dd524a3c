package io.accesslog.flume.source.kafka;

import java.util.Properties;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer side the source and the direct channel share, parsed once: the Kafka consumer's
 * properties ({@link KafkaConsumerConfig}), {@code timestampHeader} and {@code
 * lag.refreshIntervalMillis}. Immutable.
 */
public final class KafkaConsumerSettings {

  private final Properties properties;
  private final boolean timestampHeader;
  private final long lagRefreshMillis;

  private KafkaConsumerSettings(Context context, int defaultMaxPollRecords) {
    timestampHeader = KafkaConsumerConfig.TIMESTAMP_HEADER.read(context);
    lagRefreshMillis = KafkaConsumerConfig.LAG_REFRESH_MILLIS.read(context);
    properties = KafkaConsumerConfig.build(context, defaultMaxPollRecords);
  }

  /**
   * @param defaultMaxPollRecords the source's batch size or the channel's transaction capacity
   * @throws ConfigurationException naming the first bad key
   */
  public static KafkaConsumerSettings fromContext(Context context, int defaultMaxPollRecords) {
    return new KafkaConsumerSettings(context, defaultMaxPollRecords);
  }

  /** A fresh copy of the consumer properties. */
  public Properties properties() {
    return KafkaConsumerConfig.copy(properties);
  }

  public String groupId() {
    return properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG);
  }

  public long maxPollIntervalMillis() {
    return Long.parseLong(properties.getProperty(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
  }

  public boolean timestampHeader() {
    return timestampHeader;
  }

  public long lagRefreshMillis() {
    return lagRefreshMillis;
  }
}
