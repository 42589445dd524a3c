package io.accesslog.flume.source;

import org.apache.flume.instrumentation.SourceCounterMBean;

/**
 * JMX view of {@link AccessLogSourceCounter}: Flume's standard source counters plus the Kafka
 * ones. Flume's JSON and Ganglia reporters read every attribute of this bean.
 */
public interface AccessLogSourceCounterMBean extends SourceCounterMBean {

  /** Successful offset commits (one commitSync call each). */
  long getKafkaCommitCount();

  /** Offset commits that failed; the records they covered may be re-delivered (duplicates). */
  long getKafkaCommitFailureCount();

  /** Completed rebalances (one per onPartitionsAssigned). */
  long getKafkaRebalanceCount();

  /** Partitions revoked from this consumer, summed over rebalances. */
  long getKafkaPartitionsRevokedCount();

  /** Partitions lost (taken without a clean revoke), summed over rebalances. */
  long getKafkaPartitionsLostCount();

  /** Polled records dropped, not yet in the channel, because their partition moved away. */
  long getKafkaRecordsReleasedCount();

  /** Partitions paused right now because the channel refused a batch. */
  long getKafkaPausedPartitionCount();

  /** Sum of the per-partition lags at the last refresh. */
  long getKafkaLagTotal();

  /** Largest per-partition lag at the last refresh. */
  long getKafkaLagMax();

  /** Records delivered raw because they did not decode as Flume Avro events. */
  long getKafkaDecodeErrorCount();

  /** Per-partition lag at the last refresh, as {@code topic-partition=lag,...}. */
  String getKafkaLagByPartition();
}
