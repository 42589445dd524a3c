package io.accesslog.flume.source.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag per partition: the log-end offset minus the first offset not yet in the channel.
 * Pure and immutable; {@link LagMonitor} does the Kafka calls.
 */
public final class LagSummary {

  static final LagSummary EMPTY = new LagSummary(0, 0, "");

  private final long total;
  private final long max;
  private final String byPartition;

  private LagSummary(long total, long max, String byPartition) {
    this.total = total;
    this.max = max;
    this.byPartition = byPartition;
  }

  /**
   * @param endOffsets log-end offset per partition
   * @param consumedUpTo first offset not yet in the channel, per partition; partitions missing here
   *     are left out
   */
  public static LagSummary of(
      Map<TopicPartition, Long> endOffsets, Map<TopicPartition, Long> consumedUpTo) {
    List<String> parts = new ArrayList<>();
    long total = 0;
    long max = 0;
    List<TopicPartition> sorted = new ArrayList<>(consumedUpTo.keySet());
    sorted.sort(
        (a, b) ->
            a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
    for (TopicPartition partition : sorted) {
      Long end = endOffsets.get(partition);
      if (end == null) {
        continue;
      }
      long lag = Math.max(0, end - consumedUpTo.get(partition));
      total += lag;
      max = Math.max(max, lag);
      parts.add(partition + "=" + lag);
    }
    return new LagSummary(total, max, String.join(",", parts));
  }

  public long total() {
    return total;
  }

  public long max() {
    return max;
  }

  /** {@code topic-partition=lag} pairs, comma-separated, sorted by topic and partition. */
  public String byPartition() {
    return byPartition;
  }
}
