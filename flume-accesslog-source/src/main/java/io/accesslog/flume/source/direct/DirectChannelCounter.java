package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.LagSummary;
import io.accesslog.flume.source.kafka.OffsetCommitter;
import org.apache.flume.instrumentation.ChannelCounter;

/**
 * Flume's {@link ChannelCounter} (ChannelSize = records polled and held, EventTakeSuccessCount =
 * events in committed take transactions, EventPutSuccessCount = events acknowledged by Kafka,
 * ChannelCapacity = {@code buffer.maxRecords}) plus Kafka commit, rebalance, pause and lag figures,
 * in one JMX bean ({@code org.apache.flume.channel:type=<channel name>}).
 */
public class DirectChannelCounter extends ChannelCounter
    implements DirectChannelCounterMBean, OffsetCommitter.Counts {

  private static final String COMMIT = "kafka.commit.count";
  private static final String COMMIT_FAILURE = "kafka.commit.failure.count";
  private static final String REBALANCE = "kafka.rebalance.count";
  private static final String REVOKED = "kafka.partitions.revoked.count";
  private static final String LOST = "kafka.partitions.lost.count";
  private static final String PAUSED = "kafka.paused.partition.count";
  private static final String IN_FLIGHT = "taken.in.flight.count";
  private static final String LAG_TOTAL = "kafka.lag.total";
  private static final String LAG_MAX = "kafka.lag.max";
  private static final String INTERCEPTOR_FAILURES = "interceptor.failure.count";
  private static final String QUEUED_BYTES = "queued.bytes";
  private static final String DECODE_ERRORS = "kafka.decode.error.count";

  private static final String[] ATTRIBUTES = {
    COMMIT,
    COMMIT_FAILURE,
    REBALANCE,
    REVOKED,
    LOST,
    PAUSED,
    IN_FLIGHT,
    LAG_TOTAL,
    LAG_MAX,
    INTERCEPTOR_FAILURES,
    QUEUED_BYTES,
    DECODE_ERRORS
  };

  private volatile String lagByPartition = "";

  public DirectChannelCounter(String name) {
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

  void setKafkaPausedPartitions(long count) {
    set(PAUSED, count);
  }

  void incrementInterceptorFailures() {
    increment(INTERCEPTOR_FAILURES);
  }

  void incrementDecodeErrors() {
    increment(DECODE_ERRORS);
  }

  void setHeld(long queued, long queuedBytes, long inFlight) {
    setChannelSize(queued + inFlight);
    set(IN_FLIGHT, inFlight);
    set(QUEUED_BYTES, queuedBytes);
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
  public long getKafkaPausedPartitionCount() {
    return get(PAUSED);
  }

  @Override
  public long getTakenInFlightCount() {
    return get(IN_FLIGHT);
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
  public long getInterceptorFailureCount() {
    return get(INTERCEPTOR_FAILURES);
  }

  @Override
  public long getQueuedBytes() {
    return get(QUEUED_BYTES);
  }

  @Override
  public long getKafkaDecodeErrorCount() {
    return get(DECODE_ERRORS);
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
