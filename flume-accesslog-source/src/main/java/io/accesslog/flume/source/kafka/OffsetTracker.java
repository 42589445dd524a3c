package io.accesslog.flume.source.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows, per partition, the contiguous prefix of fetched records that the channel has committed,
 * and how much of that prefix has been committed to Kafka. Pure bookkeeping, no IO.
 *
 * <p>A record is <em>fetched</em> when poll() returns it and <em>delivered</em> when the channel
 * transaction holding it commits. The offset to commit for a partition is one past the last record
 * of the longest delivered run from the oldest fetched record on, so a committed offset can never
 * pass a record that is not in the channel, even if deliveries were acknowledged out of order. Not
 * thread-safe: used by the consumer thread only.
 */
public final class OffsetTracker implements OffsetCommitter.Offsets {

  private static final class PartitionState {
    /** Fetched, not yet delivered, in fetch (= offset) order. */
    final ArrayDeque<Long> outstanding = new ArrayDeque<>();

    /** Delivered while an older record of the partition is still outstanding. */
    final Set<Long> deliveredAhead = new HashSet<>();

    long lastFetched = -1;

    /** Offset to commit: everything fetched below it is delivered; -1 while unknown. */
    long committable = -1;

    /** Last offset committed to Kafka by this tracker; -1 if none. */
    long committed = -1;
  }

  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

  /** Records that poll() returned this record; offsets must increase per partition. */
  public void fetched(TopicPartition partition, long offset) {
    PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
    if (offset <= state.lastFetched) {
      throw new IllegalStateException(
          String.format(
              "%s: fetched offset %d after %d; offsets must increase",
              partition, offset, state.lastFetched));
    }
    state.lastFetched = offset;
    state.outstanding.addLast(offset);
  }

  /** Records that the channel committed this fetched record. */
  public void delivered(TopicPartition partition, long offset) {
    PartitionState state = partitions.get(partition);
    if (state == null
        || state.outstanding.isEmpty()
        || offset < state.outstanding.peekFirst()
        || offset > state.lastFetched) {
      throw new IllegalStateException(
          String.format("%s: offset %d delivered but it is not outstanding", partition, offset));
    }
    if (offset != state.outstanding.peekFirst()) {
      if (!state.outstanding.contains(offset) || !state.deliveredAhead.add(offset)) {
        throw new IllegalStateException(
            String.format("%s: offset %d delivered but it is not outstanding", partition, offset));
      }
      return;
    }
    state.outstanding.pollFirst();
    state.committable = offset + 1;
    while (!state.outstanding.isEmpty()
        && state.deliveredAhead.remove(state.outstanding.peekFirst())) {
      state.committable = state.outstanding.pollFirst() + 1;
    }
  }

  /** Offsets (next record to read) whose prefix advanced past what was committed to Kafka. */
  @Override
  public Map<TopicPartition, Long> toCommit() {
    Map<TopicPartition, Long> result = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      PartitionState state = entry.getValue();
      if (state.committable > state.committed) {
        result.put(entry.getKey(), state.committable);
      }
    }
    return result;
  }

  /** Records a successful commit of offsets obtained from {@link #toCommit()}. */
  @Override
  public void committed(Map<TopicPartition, Long> offsets) {
    for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
      PartitionState state = partitions.get(entry.getKey());
      if (state != null && entry.getValue() > state.committed) {
        state.committed = entry.getValue();
      }
    }
  }

  /** Forgets partitions this consumer no longer owns (revoked or lost). */
  public void forget(Collection<TopicPartition> gone) {
    for (TopicPartition partition : gone) {
      partitions.remove(partition);
    }
  }

  /** The oldest fetched record not yet delivered, per partition that has one. */
  public Map<TopicPartition, Long> firstUndelivered() {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      Long head = entry.getValue().outstanding.peekFirst();
      if (head != null) {
        first.put(entry.getKey(), head);
      }
    }
    return first;
  }

  /** The offset that may be committed for the partition, or -1 if none yet. */
  long committable(TopicPartition partition) {
    PartitionState state = partitions.get(partition);
    return state == null ? -1 : state.committable;
  }

  /** Fetched records not yet delivered, over all partitions. */
  int outstanding() {
    int count = 0;
    for (PartitionState state : partitions.values()) {
      count += state.outstanding.size() - state.deliveredAhead.size();
    }
    return count;
  }
}
