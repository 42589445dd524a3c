package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.KafkaAttributes;
import org.apache.flume.instrumentation.ChannelCounterMBean;

/**
 * JMX view of {@link DirectChannelCounter}: Flume's standard channel counters plus the Kafka ones
 * ({@link KafkaAttributes}). Flume's JSON and Ganglia reporters read every attribute of this bean.
 */
public interface DirectChannelCounterMBean extends ChannelCounterMBean, KafkaAttributes {

  /** Records taken by transactions that have not committed or rolled back yet. */
  long getTakenInFlightCount();

  /**
   * Events whose interceptors threw; each went on un-intercepted with an interceptorError header.
   */
  long getInterceptorFailureCount();

  /** Bytes (record values and keys) polled and not yet taken; bounded by buffer.maxBytes. */
  long getQueuedBytes();

  /**
   * The type and unit of every attribute this bean adds to Flume's own, machine-readable, so the
   * metrics reporter can label each value without knowing this class: {@code Name=kind:unit,...}
   * with kind {@code counter} (only ever grows while the agent runs), {@code gauge}, {@code info}
   * (text) or {@code gauge_by_partition} (text {@code topic-partition=value,...}), and unit {@code
   * 1}, {@code bytes}, {@code ms} (a duration), {@code percent} or {@code epoch_ms}.
   */
  String METRIC_TYPES =
      "KafkaCommitCount=counter:1,KafkaCommitFailureCount=counter:1,"
          + "KafkaRebalanceCount=counter:1,KafkaPartitionsRevokedCount=counter:1,"
          + "KafkaPartitionsLostCount=counter:1,KafkaPausedPartitionCount=gauge:1,"
          + "TakenInFlightCount=gauge:1,KafkaLagTotal=gauge:1,KafkaLagMax=gauge:1,"
          + "KafkaLagByPartition=gauge_by_partition:1,"
          + "InterceptorFailureCount=counter:1,QueuedBytes=gauge:bytes,"
          + "KafkaDecodeErrorCount=counter:1";

  /**
   * {@link #METRIC_TYPES}: read by the metrics reporter (an attribute, so it travels with the
   * values).
   */
  String getMetricTypes();
}
