package io.accesslog.flume.source.kafka;

/**
 * The JMX attributes of {@link KafkaCounts}, part of both the source's and the direct channel's
 * bean (their MBean interfaces extend this one). Flume's JSON and Ganglia reporters read every
 * attribute of those beans.
 */
public interface KafkaAttributes {

  /** Successful offset commits (one commitSync call each). */
  long getKafkaCommitCount();

  /** Offset commits that failed; the records they covered may be re-delivered (duplicates). */
  long getKafkaCommitFailureCount();

  /** Completed rebalances (one per onPartitionsAssigned). */
  long getKafkaRebalanceCount();

  /** Partitions revoked from this consumer, summed over rebalances. */
  long getKafkaPartitionsRevokedCount();

  /** Partitions lost (taken without a clean revoke: the group moved on), summed over rebalances. */
  long getKafkaPartitionsLostCount();

  /** Partitions paused right now (the channel refused a batch, or the buffer is full). */
  long getKafkaPausedPartitionCount();

  /** Sum of the per-partition lags at the last refresh. */
  long getKafkaLagTotal();

  /** Largest per-partition lag at the last refresh. */
  long getKafkaLagMax();

  /** Records passed on raw because they did not decode as Flume Avro events. */
  long getKafkaDecodeErrorCount();

  /** Per-partition lag at the last refresh, as {@code topic-partition=lag,...}. */
  String getKafkaLagByPartition();

  /**
   * The attributes answered from a {@link KafkaCounts}: a counter class implements this beside its
   * MBean interface. ({@link #kafkaCounts()} is not in the MBean interface, so JMX does not see
   * it.)
   */
  interface Counted extends KafkaAttributes {

    KafkaCounts kafkaCounts();

    @Override
    default long getKafkaCommitCount() {
      return kafkaCounts().get(KafkaCounts.COMMIT);
    }

    @Override
    default long getKafkaCommitFailureCount() {
      return kafkaCounts().get(KafkaCounts.COMMIT_FAILURE);
    }

    @Override
    default long getKafkaRebalanceCount() {
      return kafkaCounts().get(KafkaCounts.REBALANCE);
    }

    @Override
    default long getKafkaPartitionsRevokedCount() {
      return kafkaCounts().get(KafkaCounts.REVOKED);
    }

    @Override
    default long getKafkaPartitionsLostCount() {
      return kafkaCounts().get(KafkaCounts.LOST);
    }

    @Override
    default long getKafkaPausedPartitionCount() {
      return kafkaCounts().get(KafkaCounts.PAUSED);
    }

    @Override
    default long getKafkaLagTotal() {
      return kafkaCounts().get(KafkaCounts.LAG_TOTAL);
    }

    @Override
    default long getKafkaLagMax() {
      return kafkaCounts().get(KafkaCounts.LAG_MAX);
    }

    @Override
    default long getKafkaDecodeErrorCount() {
      return kafkaCounts().get(KafkaCounts.DECODE_ERROR);
    }

    @Override
    default String getKafkaLagByPartition() {
      return kafkaCounts().lagByPartition();
    }
  }
}
