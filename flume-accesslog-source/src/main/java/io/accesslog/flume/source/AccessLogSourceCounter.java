package io.accesslog.flume.source;

import io.accesslog.flume.source.kafka.LagSummary;
import io.accesslog.flume.source.kafka.OffsetCommitter;
import org.apache.flume.instrumentation.SourceCounter;

/**
 * Flume's {@link SourceCounter} (EventReceivedCount, EventAcceptedCount, AppendBatch*,
 * ChannelWriteFail, ...) plus Kafka commit, rebalance, pause and lag figures, all in one JMX bean
 * ({@code org.apache.flume.source:type=<source name>}). Counters are longs written by the consumer
 * thread and read by JMX; the per-partition lag text is a volatile snapshot.
 */
public class AccessLogSourceCounter extends SourceCounter
    implements AccessLogSourceCounterMBean, OffsetCommitter.Counts {

  private static final String COMMIT = "kafka.commit.count";
  private static final String COMMIT_FAILURE = "kafka.commit.failure.count";
  private static final String REBALANCE = "kafka.rebalance.count";
  private static final String REVOKED = "kafka.partitions.revoked.count";
  private static final String LOST = "kafka.partitions.lost.count";
  private static final String RELEASED = "kafka.records.released.count";
  private static final String PAUSED = "kafka.paused.partition.count";
  private static final String LAG_TOTAL = "kafka.lag.total";
  private static final String LAG_MAX = "kafka.lag.max";
  private static final String DECODE_ERROR = "kafka.decode.error.count";

  private static final String[] ATTRIBUTES = {
    COMMIT,
    COMMIT_FAILURE,
    REBALANCE,
    REVOKED,
    LOST,
    RELEASED,
    PAUSED,
    LAG_TOTAL,
    LAG_MAX,
    DECODE_ERROR
  };

  private volatile String lagByPartition = "";

  public AccessLogSourceCounter(String name) {
    super(name, ATTRIBUTES.clone());
  }

  @Override
  public void incrementKafkaCommit() {
    increment(COMMIT);
  }

  @Override
  public void incrementKafkaCommitFailure() {
    increment(COMMIT_FAILURE);
  }

  void incrementKafkaRebalance() {
    increment(REBALANCE);
  }

  void addKafkaPartitionsRevoked(long count) {
    addAndGet(REVOKED, count);
  }

  void addKafkaPartitionsLost(long count) {
    addAndGet(LOST, count);
  }

  void addKafkaRecordsReleased(long count) {
    addAndGet(RELEASED, count);
  }

  void setKafkaPausedPartitions(long count) {
    set(PAUSED, count);
  }

  void addKafkaDecodeErrors(long count) {
    addAndGet(DECODE_ERROR, count);
  }

  void setKafkaLag(LagSummary lag) {
    set(LAG_TOTAL, lag.total());
    set(LAG_MAX, lag.max());
    lagByPartition = lag.byPartition();
  }

  @Override
  public long getKafkaCommitCount() {
    return get(COMMIT);
  }

  @Override
  public long getKafkaCommitFailureCount() {
    return get(COMMIT_FAILURE);
  }

  @Override
  public long getKafkaRebalanceCount() {
    return get(REBALANCE);
  }

  @Override
  public long getKafkaPartitionsRevokedCount() {
    return get(REVOKED);
  }

  @Override
  public long getKafkaPartitionsLostCount() {
    return get(LOST);
  }

  @Override
  public long getKafkaRecordsReleasedCount() {
    return get(RELEASED);
  }

  @Override
  public long getKafkaPausedPartitionCount() {
    return get(PAUSED);
  }

  @Override
  public long getKafkaLagTotal() {
    return get(LAG_TOTAL);
  }

  @Override
  public long getKafkaLagMax() {
    return get(LAG_MAX);
  }

  @Override
  public long getKafkaDecodeErrorCount() {
    return get(DECODE_ERROR);
  }

  @Override
  public String getKafkaLagByPartition() {
    return lagByPartition;
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
