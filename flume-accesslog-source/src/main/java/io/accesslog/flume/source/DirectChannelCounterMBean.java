package io.accesslog.flume.source;

import org.apache.flume.instrumentation.ChannelCounterMBean;

/**
 * JMX view of {@link DirectChannelCounter}: Flume's standard channel counters plus the Kafka
 * ones. Flume's JSON and Ganglia reporters read every attribute of this bean.
 */
public interface DirectChannelCounterMBean extends ChannelCounterMBean {

  /** Successful offset commits (one commitSync call each). */
  long getKafkaCommitCount();

  /** Offset commits that failed; the records they covered may be re-delivered (duplicates). */
  long getKafkaCommitFailureCount();

  /** Completed rebalances (one per onPartitionsAssigned). */
  long getKafkaRebalanceCount();

  /** Partitions revoked from this consumer, summed over rebalances. */
  long getKafkaPartitionsRevokedCount();

  /** Partitions lost (the group moved on without this consumer), summed. */
  long getKafkaPartitionsLostCount();

  /** Partitions paused now because {@code buffer.maxRecords} records wait to be taken. */
  long getKafkaPausedPartitionCount();

  /** Records taken by transactions that have not committed or rolled back yet. */
  long getTakenInFlightCount();

  /** Sum of the per-partition lags at the last refresh. */
  long getKafkaLagTotal();

  /** Largest per-partition lag at the last refresh. */
  long getKafkaLagMax();

  /** {@code topic-partition=lag,...} at the last refresh. */
  String getKafkaLagByPartition();

  /** Events whose interceptors threw; each went on un-intercepted with an interceptorError header. */
  long getInterceptorFailureCount();

  /** Bytes (record values and keys) polled and not yet taken; bounded by buffer.maxBytes. */
  long getQueuedBytes();
}
