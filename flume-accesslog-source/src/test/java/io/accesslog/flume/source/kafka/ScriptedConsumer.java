package io.accesslog.flume.source.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's MockConsumer plus what 2.7.2's lacks: it records polls (with the paused set at each),
 * every commitSync, scripts commit failures, and drives the rebalance listener the way a real
 * consumer does (MockConsumer 2.7 does not call it).
 */
public final class ScriptedConsumer extends MockConsumer<byte[], byte[]> {

  public static final String TOPIC = "weblogs";

  private ConsumerRebalanceListener listener;
  private Pattern subscribedPattern;
  private final List<Set<TopicPartition>> pausedAtPoll = new ArrayList<>();
  private final List<Map<TopicPartition, Long>> commits = new ArrayList<>();
  private final Deque<KafkaException> commitFailures = new ArrayDeque<>();

  public ScriptedConsumer() {
    super(OffsetResetStrategy.EARLIEST);
  }

  public static TopicPartition tp(int partition) {
    return new TopicPartition(TOPIC, partition);
  }

  @Override
  public synchronized void subscribe(
      Collection<String> topics, ConsumerRebalanceListener rebalanceListener) {
    super.subscribe(topics, rebalanceListener);
    this.listener = rebalanceListener;
  }

  @Override
  public synchronized void subscribe(Pattern pattern, ConsumerRebalanceListener rebalanceListener) {
    super.subscribe(pattern, rebalanceListener);
    this.listener = rebalanceListener;
    this.subscribedPattern = pattern;
  }

  /** The pattern of a {@code subscribe(Pattern, ...)}, or null. */
  public Pattern subscribedPattern() {
    return subscribedPattern;
  }

  @Override
  public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    pausedAtPoll.add(new HashSet<>(paused()));
    return super.poll(timeout);
  }

  /** Like KafkaConsumer: only assigned partitions count as paused (MockConsumer keeps others). */
  @Override
  public synchronized Set<TopicPartition> paused() {
    Set<TopicPartition> paused = new HashSet<>(super.paused());
    paused.retainAll(assignment());
    return paused;
  }

  @Override
  public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    KafkaException failure = commitFailures.pollFirst();
    if (failure != null) {
      throw failure;
    }
    Map<TopicPartition, Long> plain = new HashMap<>();
    offsets.forEach((tp, om) -> plain.put(tp, om.offset()));
    commits.add(plain);
    super.commitSync(offsets);
  }

  /** Assigns partitions at once (outside poll), starting at offset 0, as a first join does. */
  public void assignNow(TopicPartition... partitions) {
    Map<TopicPartition, Long> beginning = new HashMap<>();
    for (TopicPartition partition : partitions) {
      beginning.put(partition, 0L);
    }
    updateBeginningOffsets(beginning);
    rebalance(List.of(partitions));
    listener.onPartitionsAssigned(List.of(partitions));
  }

  /**
   * On the next poll, a cooperative rebalance to {@code target}: revoke what is not kept, then
   * assign what is new. MockConsumer clears unread records on rebalance; {@code after} runs once
   * the new assignment is in place (e.g. to add records).
   */
  public void scheduleCooperativeRebalance(Collection<TopicPartition> target, Runnable after) {
    schedulePollTask(
        () -> {
          Set<TopicPartition> revoked = new HashSet<>(assignment());
          revoked.removeAll(target);
          Set<TopicPartition> added = new HashSet<>(target);
          added.removeAll(assignment());
          Map<TopicPartition, Long> beginning = new HashMap<>();
          for (TopicPartition partition : added) {
            beginning.put(partition, 0L);
          }
          updateBeginningOffsets(beginning);
          if (!revoked.isEmpty()) {
            listener.onPartitionsRevoked(revoked);
          }
          rebalance(target);
          listener.onPartitionsAssigned(added);
          after.run();
        });
  }

  /** On the next poll, the given partitions are lost (not revoked) and the rest kept. */
  public void scheduleLost(Collection<TopicPartition> lost) {
    schedulePollTask(
        () -> {
          Set<TopicPartition> kept = new HashSet<>(assignment());
          kept.removeAll(lost);
          listener.onPartitionsLost(lost);
          rebalance(kept);
          listener.onPartitionsAssigned(Set.of());
        });
  }

  public void addLines(TopicPartition partition, long firstOffset, String host, String... lines) {
    long offset = firstOffset;
    for (String line : lines) {
      addRecord(
          new ConsumerRecord<>(
              partition.topic(),
              partition.partition(),
              offset++,
              host == null ? null : host.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  public void failNextCommit(KafkaException failure) {
    commitFailures.addLast(failure);
  }

  public ConsumerRebalanceListener listener() {
    return listener;
  }

  public List<Set<TopicPartition>> pausedAtPoll() {
    return pausedAtPoll;
  }

  public int pollCount() {
    return pausedAtPoll.size();
  }

  public List<Map<TopicPartition, Long>> commits() {
    return commits;
  }

  /** Last offset committed per partition over all commits (MockConsumer's own map). */
  public Map<TopicPartition, Long> lastCommitted() {
    Map<TopicPartition, Long> last = new HashMap<>();
    for (Map<TopicPartition, Long> commit : commits) {
      last.putAll(commit);
    }
    return last;
  }
}
