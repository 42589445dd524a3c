package io.accesslog.flume.source.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The Kafka consumer counters the source and the direct channel both report (commits, rebalances,
 * partitions revoked, lost and paused, lag, decode errors), kept in the component's own Flume
 * counter group, so they reset, print and register with Flume's {@code SourceCounter} or {@code
 * ChannelCounter} figures as one JMX bean. The group's counter primitives are protected, so the
 * counter class hands them in ({@code new KafkaCounts(this::addAndGet, this::set, this::get)}).
 * Written by the consumer thread, read by JMX; the per-partition lag text is a volatile snapshot.
 */
public final class KafkaCounts implements OffsetCommitter.Counts {

  /** {@code MonitoredCounterGroup.addAndGet}. */
  public interface Adder {
    long addAndGet(String counter, long delta);
  }

  /** {@code MonitoredCounterGroup.set}. */
  public interface Setter {
    void set(String counter, long value);
  }

  static final String COMMIT = "kafka.commit.count";
  static final String COMMIT_FAILURE = "kafka.commit.failure.count";
  static final String REBALANCE = "kafka.rebalance.count";
  static final String REVOKED = "kafka.partitions.revoked.count";
  static final String LOST = "kafka.partitions.lost.count";
  static final String PAUSED = "kafka.paused.partition.count";
  static final String LAG_TOTAL = "kafka.lag.total";
  static final String LAG_MAX = "kafka.lag.max";
  static final String DECODE_ERROR = "kafka.decode.error.count";

  private static final List<String> NAMES =
      Arrays.asList(
          COMMIT,
          COMMIT_FAILURE,
          REBALANCE,
          REVOKED,
          LOST,
          PAUSED,
          LAG_TOTAL,
          LAG_MAX,
          DECODE_ERROR);

  private final Adder adder;
  private final Setter setter;
  private final ToLongFunction<String> getter;
  private volatile String lagByPartition = "";

  public KafkaCounts(Adder adder, Setter setter, ToLongFunction<String> getter) {
    this.adder = adder;
    this.setter = setter;
    this.getter = getter;
  }

  /** The counter names for the group's constructor: these counters, then the component's own. */
  public static String[] attributes(String... own) {
    List<String> all = new ArrayList<>(NAMES);
    all.addAll(Arrays.asList(own));
    return all.toArray(new String[0]);
  }

  @Override
  public void incrementKafkaCommit() {
    adder.addAndGet(COMMIT, 1);
  }

  @Override
  public void incrementKafkaCommitFailure() {
    adder.addAndGet(COMMIT_FAILURE, 1);
  }

  public void incrementKafkaRebalance() {
    adder.addAndGet(REBALANCE, 1);
  }

  public void addKafkaPartitionsRevoked(long count) {
    adder.addAndGet(REVOKED, count);
  }

  public void addKafkaPartitionsLost(long count) {
    adder.addAndGet(LOST, count);
  }

  public void setKafkaPausedPartitions(long count) {
    setter.set(PAUSED, count);
  }

  public void addKafkaDecodeErrors(long count) {
    adder.addAndGet(DECODE_ERROR, count);
  }

  public void setKafkaLag(LagSummary lag) {
    setter.set(LAG_TOTAL, lag.total());
    setter.set(LAG_MAX, lag.max());
    lagByPartition = lag.byPartition();
  }

  long get(String counter) {
    return getter.applyAsLong(counter);
  }

  String lagByPartition() {
    return lagByPartition;
  }
}
