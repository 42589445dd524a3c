package io.accesslog.flume.source;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Event;
import org.apache.flume.PollableSource.Status;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogKafkaSourceTest {

  private SourceHarness h;

  @AfterEach
  void tearDown() {
    if (h != null
        && h.source.getLifecycleState() == org.apache.flume.lifecycle.LifecycleState.START) {
      h.stop();
    }
  }

  @Test
  void process_recordsFromTwoPartitions_arriveInPerPartitionOrderWithHeaders() {
    h = SourceHarness.withMemoryChannel(100, Map.of("batchSize", "10"));
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2");
    h.consumer.addLines(tp(1), 0, "web2", "b0", "b1");

    assertEquals(Status.READY, h.process());

    Map<String, List<String>> byKey = new HashMap<>();
    for (Event event : h.takeEvents(100)) {
      Map<String, String> headers = event.getHeaders();
      assertEquals(ScriptedConsumer.TOPIC, headers.get("topic"));
      String body = new String(event.getBody(), StandardCharsets.UTF_8);
      assertEquals(body.substring(1), headers.get("offset"));
      assertEquals(body.startsWith("a") ? "0" : "1", headers.get("partition"));
      byKey.computeIfAbsent(headers.get("key"), k -> new ArrayList<>()).add(body);
    }
    assertEquals(List.of("a0", "a1", "a2"), byKey.get("web1"));
    assertEquals(List.of("b0", "b1"), byKey.get("web2"));
  }

  @Test
  void process_batchCommittedToChannel_commitsNextOffsetPerPartition() {
    h = SourceHarness.withMemoryChannel(100, Map.of("batchSize", "10"));
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2");
    h.consumer.addLines(tp(1), 0, "web2", "b0", "b1");

    h.process();

    assertEquals(Map.of(tp(0), 3L, tp(1), 2L), h.consumer.lastCommitted());
    assertEquals(1, h.source.counter().getKafkaCommitCount());
    assertEquals(5, h.source.counter().getEventAcceptedCount());
  }

  @Test
  void process_moreRecordsThanBatchSize_deliversAllInOrderAcrossCalls() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "l0", "l1", "l2", "l3", "l4");

    h.process();
    assertEquals(Map.of(tp(0), 2L), h.consumer.lastCommitted());
    h.process();
    h.process();

    assertEquals(List.of("l0", "l1", "l2", "l3", "l4"), h.take(100));
    assertEquals(Map.of(tp(0), 5L), h.consumer.lastCommitted());
    assertEquals(Status.BACKOFF, h.process());
  }

  @Test
  void process_channelFull_pausesKeepsPollingThenDeliversEverythingOnce() {
    h = SourceHarness.withMemoryChannel(2, Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2", "a3");
    h.consumer.addLines(tp(1), 0, "web2", "b0", "b1");
    List<Event> taken = new ArrayList<>();

    h.process(); // first batch fills the channel
    h.process(); // second batch refused
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.paused());
    assertCommittedWithin(taken, h.channelContents());
    int polls = h.consumer.pollCount();

    h.process(); // not yet due: polls while paused, no retry
    h.process();
    assertEquals(polls + 2, h.consumer.pollCount());
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
    assertEquals(1, h.source.counter().getChannelWriteFail());
    assertEquals(2, h.source.counter().getKafkaPausedPartitionCount());

    // Drain until everything went through: take, let the backoff pass, process.
    for (int round = 0; round < 10 && taken.size() < 6; round++) {
      taken.addAll(h.takeEvents(2));
      h.clock.advanceMillis(400);
      h.process();
      assertCommittedWithin(taken, h.channelContents());
    }
    taken.addAll(h.takeEvents(2));

    assertEquals(6, taken.size());
    assertEquals(List.of("a0", "a1", "a2", "a3"), bodiesOfPartition(taken, 0));
    assertEquals(List.of("b0", "b1"), bodiesOfPartition(taken, 1));
    assertEquals(Map.of(tp(0), 4L, tp(1), 2L), h.consumer.lastCommitted());
    assertTrue(h.consumer.paused().isEmpty());
    assertEquals(0, h.source.counter().getKafkaPausedPartitionCount());
    assertEquals(6, h.source.counter().getEventReceivedCount());
    assertEquals(6, h.source.counter().getEventAcceptedCount());
  }

  @Test
  void process_channelStaysFull_retriesWithDoublingBackoff() {
    h = SourceHarness.withMemoryChannel(2, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "l0", "l1", "l2", "l3");
    h.process();
    h.process(); // attempt 1 refused: retry in 100 ms
    assertEquals(1, h.source.counter().getChannelWriteFail());

    h.clock.advanceMillis(99);
    h.process();
    assertEquals(1, h.source.counter().getChannelWriteFail());
    h.clock.advanceMillis(1);
    h.process(); // attempt 2 refused: retry in 200 ms
    assertEquals(2, h.source.counter().getChannelWriteFail());
    h.clock.advanceMillis(199);
    h.process();
    assertEquals(2, h.source.counter().getChannelWriteFail());
    h.clock.advanceMillis(1);
    h.process();
    assertEquals(3, h.source.counter().getChannelWriteFail());
    assertEquals(Map.of(tp(0), 2L), h.consumer.lastCommitted());
  }

  @Test
  void rebalance_revokeDuringRefusedBatch_commitsOnlyChannelDataAndReleasesRevokedRecords() {
    h = SourceHarness.withMemoryChannel(2, Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");
    h.process(); // a0, a1 in the channel, committed up to 2
    h.consumer.addLines(tp(0), 2, "web1", "a2", "a3");
    h.consumer.addLines(tp(1), 0, "web2", "b0", "b1");
    h.process(); // refused: channel full
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.paused());

    h.consumer.scheduleCooperativeRebalance(List.of(tp(1)), () -> {});
    h.process(); // waiting poll runs the rebalance: tp0 revoked

    assertEquals(1, h.source.counter().getKafkaPartitionsRevokedCount());
    assertEquals(2, h.source.counter().getKafkaRecordsReleasedCount());
    assertEquals(2L, h.consumer.lastCommitted().get(tp(0)));
    assertEquals(List.of("a0", "a1"), h.take(10));

    h.clock.advanceMillis(100);
    h.process(); // retry: only tp1's records are left

    assertEquals(List.of("b0", "b1"), h.take(10));
    assertEquals(Map.of(tp(0), 2L, tp(1), 2L), h.consumer.lastCommitted());
    for (Map<TopicPartition, Long> commit : h.consumer.commits()) {
      assertTrue(commit.getOrDefault(tp(0), 0L) <= 2L, "tp0 committed past the channel: " + commit);
    }
    assertTrue(h.consumer.paused().isEmpty());
  }

  @Test
  void rebalance_revokeAfterFailedCommit_commitsDeliveredOffsetsOnRevoke() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");
    h.consumer.failNextCommit(new CommitFailedException());
    h.process();
    assertEquals(1, h.source.counter().getKafkaCommitFailureCount());
    assertTrue(h.consumer.commits().isEmpty());

    h.consumer.scheduleCooperativeRebalance(List.of(tp(1)), () -> {});
    h.process();

    assertEquals(List.of(Map.of(tp(0), 2L)), h.consumer.commits());
  }

  @Test
  void rebalance_partitionsLost_commitsNothingForThem() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2");
    h.consumer.failNextCommit(new CommitFailedException());
    h.process(); // a0, a1 in the channel, commit failed; a2 buffered

    h.consumer.scheduleLost(List.of(tp(0)));
    h.process();
    h.process();

    assertTrue(h.consumer.commits().isEmpty(), "committed " + h.consumer.commits());
    assertEquals(1, h.source.counter().getKafkaPartitionsLostCount());
    assertEquals(1, h.source.counter().getKafkaRecordsReleasedCount());
    assertEquals(List.of("a0", "a1"), h.take(10));
    assertEquals(Set.of(), h.consumer.paused(), "nothing owed any more: not paused");
  }

  @Test
  void rebalance_partitionAssignedWhileBatchRefused_isPausedUntilBatchGoesThrough() {
    h = SourceHarness.withMemoryChannel(2, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2", "a3");
    h.process();
    h.process(); // refused
    h.consumer.scheduleCooperativeRebalance(List.of(tp(0), tp(1)), () -> {});

    h.process(); // waiting poll: tp1 assigned

    assertEquals(Set.of(tp(0), tp(1)), h.consumer.paused());
    assertEquals(2, h.source.counter().getKafkaPausedPartitionCount());
    assertEquals(2, h.source.counter().getKafkaRebalanceCount());
    h.take(2);
    h.clock.advanceMillis(100);
    h.process();
    assertTrue(h.consumer.paused().isEmpty());
    assertEquals(List.of("a2", "a3"), h.take(10));
  }

  @Test
  void process_commitFails_retriesCommitOnNextCall() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");
    h.consumer.failNextCommit(new CommitFailedException());
    h.process();
    assertTrue(h.consumer.commits().isEmpty());

    h.process();

    assertEquals(List.of(Map.of(tp(0), 2L)), h.consumer.commits());
    assertEquals(1, h.source.counter().getKafkaCommitFailureCount());
    assertEquals(Status.BACKOFF, h.process());
  }

  /**
   * A consumer in a rebalance has its commits refused while poll() still returns records. Had the
   * source kept putting batches meanwhile, a crash would re-deliver all of them (a CI run saw 4,900
   * duplicates from 49 such batches); it holds them instead, paused, until a commit succeeds.
   */
  @Test
  void process_commitRefusedDuringRebalance_holdsFurtherBatchesPausedUntilACommitSucceeds() {
    h = SourceHarness.withMemoryChannel(100, Map.of()); // batchSize 2
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1", "a2", "a3");
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing")); // the batch's
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing")); // first retry
    h.process(); // a0, a1 into the channel, commit refused; a2, a3 buffered

    assertEquals(Status.READY, h.process()); // retry refused again: no batch
    assertEquals(List.of("a0", "a1"), bodies(h.channelContents()));
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.paused());
    assertEquals(2, h.source.counter().getKafkaPausedPartitionCount());
    assertTrue(h.consumer.commits().isEmpty());

    h.process(); // the rebalance is over: the commit goes through
    assertEquals(List.of(Map.of(tp(0), 2L)), h.consumer.commits());
    assertEquals(Set.of(), h.consumer.paused());
    assertEquals(0, h.source.counter().getKafkaPausedPartitionCount());
    assertEquals(List.of("a0", "a1"), bodies(h.channelContents()));

    h.process();
    assertEquals(List.of("a0", "a1", "a2", "a3"), h.take(10));
    assertEquals(Map.of(tp(0), 4L), h.consumer.lastCommitted());
    assertEquals(2, h.source.counter().getKafkaCommitFailureCount());
  }

  @Test
  void rebalance_partitionAssignedWhileCommitOwed_isPausedUntilTheCommitSucceeds() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing"));
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing"));
    h.process();
    h.consumer.scheduleCooperativeRebalance(
        List.of(tp(0), tp(1)), () -> h.consumer.addLines(tp(1), 0, "web2", "b0"));

    h.process(); // tp1 assigned during the retry's poll, commit refused once more

    assertEquals(Set.of(tp(0), tp(1)), h.consumer.paused());
    assertEquals(List.of("a0", "a1"), bodies(h.channelContents()));
    h.process();
    assertEquals(Set.of(), h.consumer.paused());
    h.process();
    assertEquals(List.of("a0", "a1", "b0"), h.take(10));
  }

  private static List<String> bodies(List<Event> events) {
    List<String> bodies = new ArrayList<>();
    for (Event event : events) {
      bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
    }
    return bodies;
  }

  @Test
  void process_wakeupDuringPoll_returnsBackoffAndKeepsRecords() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0");
    h.consumer.wakeup();

    assertEquals(Status.BACKOFF, h.process());
    h.process();

    assertEquals(List.of("a0"), h.take(10));
  }

  @Test
  void stop_afterDelivery_commitsAndClosesConsumer() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0");
    h.consumer.failNextCommit(new CommitFailedException());
    h.process();

    h.stop();

    assertTrue(h.consumer.closed());
    assertEquals(Map.of(tp(0), 1L), h.consumer.lastCommitted());
  }

  @Test
  void process_timestampHeaderEnabled_copiesKafkaTimestamp() {
    h = SourceHarness.withMemoryChannel(100, Map.of("timestampHeader", "true"));
    h.consumer.assignNow(tp(0));
    h.consumer.addRecord(
        new org.apache.kafka.clients.consumer.ConsumerRecord<>(
            ScriptedConsumer.TOPIC,
            0,
            0L,
            1_600_000_000_123L,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME,
            0L,
            0,
            0,
            null,
            "x".getBytes(StandardCharsets.UTF_8)));

    h.process();

    Map<String, String> headers = h.takeEvents(1).get(0).getHeaders();
    assertEquals("1600000000123", headers.get("kafkaTimestamp"));
    assertEquals("1600000000123", headers.get("timestamp"));
    assertNull(headers.get("key"));
  }

  @Test
  void process_lagRefreshDue_reportsLagFromEndOffsets() {
    h = SourceHarness.withMemoryChannel(100, Map.of("lag.refreshIntervalMillis", "1000"));
    h.consumer.assignNow(tp(0));
    h.consumer.updateEndOffsets(Map.of(tp(0), 10L));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");
    h.process();

    h.clock.advanceMillis(1000);
    h.process();

    assertEquals(8, h.source.counter().getKafkaLagTotal());
    assertEquals(8, h.source.counter().getKafkaLagMax());
    assertEquals("weblogs-0=8", h.source.counter().getKafkaLagByPartition());
  }

  @Test
  void process_noRecords_returnsBackoffAndCommitsNothing() {
    h = SourceHarness.withMemoryChannel(100, Map.of());
    h.consumer.assignNow(tp(0));

    assertEquals(Status.BACKOFF, h.process());
    assertTrue(h.consumer.commits().isEmpty());
    assertFalse(h.consumer.closed());
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** Every committed offset is at most one past the last record of its partition in the channel. */
  private void assertCommittedWithin(List<Event> taken, List<Event> inChannel) {
    Map<TopicPartition, Long> limit = new LinkedHashMap<>();
    List<Event> all = new ArrayList<>(taken);
    all.addAll(inChannel);
    for (Event event : all) {
      TopicPartition partition = tp(Integer.parseInt(event.getHeaders().get("partition")));
      limit.merge(partition, Long.parseLong(event.getHeaders().get("offset")) + 1, Math::max);
    }
    h.consumer
        .lastCommitted()
        .forEach(
            (partition, offset) ->
                assertTrue(
                    offset <= limit.getOrDefault(partition, 0L),
                    partition + " committed " + offset + " but the channel holds up to " + limit));
  }

  private static List<String> bodiesOfPartition(List<Event> events, int partition) {
    List<String> bodies = new ArrayList<>();
    for (Event event : events) {
      if (event.getHeaders().get("partition").equals(Integer.toString(partition))) {
        bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
      }
    }
    return bodies;
  }
}
