package io.accesslog.flume.source.direct;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.EventHeaders;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaDirectChannelTest {

  private DirectChannelHarness h;
  private final ExecutorService otherSink = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    otherSink.shutdownNow();
    if (h != null
        && h.channel.getLifecycleState() == org.apache.flume.lifecycle.LifecycleState.START) {
      h.stop();
    }
  }

  private DirectChannelHarness started(Map<String, String> overrides) {
    h = new DirectChannelHarness(overrides);
    return h;
  }

  @Test
  void take_offsetCommittedOnlyAfterTakeCommit() {
    started(Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b", "c");
    h.step();
    Transaction tx = h.begin();
    assertEquals(List.of("a", "b", "c"), h.takeAll());
    h.step();
    h.step();
    assertEquals(List.of(), h.consumer.commits(), "nothing acknowledged before the sink commits");
    tx.commit();
    tx.close();
    h.step();
    assertEquals(Map.of(tp(0), 3L), h.consumer.lastCommitted());
    assertEquals(3, h.channel.counter().getEventTakeSuccessCount());
  }

  @Test
  void take_eventCarriesSourceHeaders() {
    started(Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-7", "line");
    h.step();
    Transaction tx = h.begin();
    Event event = h.channel.take();
    tx.commit();
    tx.close();
    assertEquals("web-7", event.getHeaders().get(EventHeaders.KEY));
    assertEquals("0", event.getHeaders().get(EventHeaders.OFFSET));
    assertEquals(ScriptedConsumer.TOPIC, event.getHeaders().get(EventHeaders.TOPIC));
  }

  @Test
  void rollback_nextTakeRewindsToFirstUncommittedRecord() {
    started(Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b", "c");
    h.step();
    Transaction tx = h.begin();
    assertEquals(2, h.take(2).size());
    tx.rollback();
    tx.close();
    h.step();
    assertEquals(List.of(), h.consumer.commits());
    assertEquals(List.of("a", "b", "c"), h.takeAllAndCommit());
    h.step();
    assertEquals(Map.of(tp(0), 3L), h.consumer.lastCommitted());
  }

  @Test
  void twoSinks_partitionHeldByOneTransactionAtATime_orderKept() throws Exception {
    started(Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web-1", "p0-0", "p0-1", "p0-2");
    h.consumer.addLines(tp(1), 0, "web-2", "p1-0", "p1-1");
    h.step();
    Transaction first = h.begin();
    Event one = h.channel.take();
    String firstPartition = one.getHeaders().get(EventHeaders.PARTITION);
    // The other sink, while the first holds its partition: only the other partition's records.
    List<String> other = otherSink.submit(h::takeAllAndCommit).get();
    String otherPrefix = firstPartition.equals("0") ? "p1-" : "p0-";
    assertFalse(other.isEmpty());
    assertTrue(other.stream().allMatch(b -> b.startsWith(otherPrefix)), other.toString());
    // The first sink rolls back: its partition's records come back in order, to any sink.
    first.rollback();
    first.close();
    List<String> again = otherSink.submit(h::takeAllAndCommit).get();
    String firstPrefix = "p" + firstPartition + "-";
    List<String> expected =
        firstPartition.equals("0") ? List.of("p0-0", "p0-1", "p0-2") : List.of("p1-0", "p1-1");
    assertEquals(expected, again, "rolled back records again, from the first, in order");
    assertTrue(again.stream().allMatch(b -> b.startsWith(firstPrefix)));
    h.step();
    assertEquals(Map.of(tp(0), 3L, tp(1), 2L), h.consumer.lastCommitted());
  }

  @Test
  void interceptors_droppedEventsAcknowledgedWithTransaction() {
    started(
        Map.of(
            "interceptors", "app drop",
            "interceptors.app.type", "static",
            "interceptors.app.key", "app",
            "interceptors.app.value", "shop",
            "interceptors.drop.type", "regex_filter",
            "interceptors.drop.regex", "^junk",
            "interceptors.drop.excludeEvents", "true"));
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "ok-1", "junk", "ok-2");
    h.step();
    Transaction tx = h.begin();
    List<Event> events = h.take(10);
    tx.commit();
    tx.close();
    assertEquals(2, events.size());
    assertEquals("ok-2", new String(events.get(1).getBody(), StandardCharsets.UTF_8));
    assertEquals("shop", events.get(0).getHeaders().get("app"));
    h.step();
    assertEquals(Map.of(tp(0), 3L), h.consumer.lastCommitted(), "the dropped record too");
    assertEquals(2, h.channel.counter().getEventTakeSuccessCount());
  }

  @Test
  void interceptors_runAheadOfTake_takeIsAHandOff() throws Exception {
    RecordingInterceptor.THREADS.clear();
    started(
        Map.of(
            "interceptors",
            "rec",
            "interceptors.rec.type",
            RecordingInterceptor.Builder.class.getName()));
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b", "c");
    h.step();
    String stepper = Thread.currentThread().getName();
    assertEquals(
        List.of(stepper, stepper, stepper),
        RecordingInterceptor.THREADS,
        "every record intercepted by the poll step (prepare stage), before any take");
    List<Event> events =
        otherSink
            .submit(
                () -> {
                  Transaction tx = h.begin();
                  List<Event> taken = h.take(10);
                  tx.commit();
                  tx.close();
                  return taken;
                })
            .get();
    assertEquals(3, events.size());
    assertEquals("yes", events.get(2).getHeaders().get("seen"));
    assertEquals(
        3, RecordingInterceptor.THREADS.size(), "the sink thread's take ran no interceptor");
  }

  @Test
  void interceptorThrows_eventGoesOnUnintercepted_withHeaderAndCount() {
    RecordingInterceptor.THREADS.clear();
    started(
        Map.of(
            "interceptors",
            "rec",
            "interceptors.rec.type",
            RecordingInterceptor.Builder.class.getName()));
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "fail", "c");
    h.step();
    Transaction tx = h.begin();
    List<Event> events = h.take(10);
    tx.commit();
    tx.close();
    assertEquals(3, events.size(), "nothing dropped");
    assertEquals("fail", new String(events.get(1).getBody(), StandardCharsets.UTF_8));
    assertTrue(
        events
            .get(1)
            .getHeaders()
            .get(EventPreparer.INTERCEPTOR_ERROR)
            .contains("scripted interceptor failure"));
    assertNull(events.get(0).getHeaders().get(EventPreparer.INTERCEPTOR_ERROR));
    assertEquals(1, h.channel.counter().getInterceptorFailureCount());
    h.step();
    assertEquals(Map.of(tp(0), 3L), h.consumer.lastCommitted());
  }

  @Test
  void rollback_afterInterception_sameEventsAgainInOrder() {
    RecordingInterceptor.THREADS.clear();
    started(
        Map.of(
            "interceptors",
            "rec",
            "interceptors.rec.type",
            RecordingInterceptor.Builder.class.getName()));
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b");
    h.step();
    Transaction tx = h.begin();
    List<Event> first = h.take(10);
    tx.rollback();
    tx.close();
    tx = h.begin();
    List<Event> again = h.take(10);
    tx.commit();
    tx.close();
    assertEquals(first, again);
    assertEquals(2, RecordingInterceptor.THREADS.size(), "intercepted once, not again on re-take");
  }

  @Test
  void bufferMaxBytes_pausesPartitionsAtTheByteBound_resumesAtHalf() {
    started(Map.of("buffer.maxBytes", "1024"));
    h.consumer.assignNow(tp(0));
    String line = "x".repeat(300);
    h.consumer.addLines(tp(0), 0, "web-1", line, line, line, line);
    h.step();
    assertEquals(4 * (300 + "web-1".length()), h.channel.counter().getQueuedBytes());
    h.step();
    assertEquals(
        Set.of(tp(0)),
        h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1),
        "1,220 bytes queued >= 1,024");
    Transaction tx = h.begin();
    assertEquals(2, h.take(2).size());
    tx.commit();
    tx.close();
    h.step();
    h.step();
    assertEquals(
        Set.of(tp(0)),
        h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1),
        "610 bytes > half");
    tx = h.begin();
    assertEquals(1, h.take(1).size());
    tx.commit();
    tx.close();
    h.step();
    h.step();
    assertEquals(Set.of(), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
  }

  @Test
  void bufferFull_pausesPartitionsButKeepsPolling_resumesWhenTaken() {
    started(Map.of("buffer.maxRecords", "4"));
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b", "c", "d", "e");
    h.step();
    int polls = h.consumer.pollCount();
    h.step();
    h.step();
    assertEquals(polls + 2, h.consumer.pollCount(), "still polling");
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
    assertEquals(2, h.channel.counter().getKafkaPausedPartitionCount());
    Transaction tx = h.begin();
    assertEquals(4, h.take(4).size());
    tx.commit();
    tx.close();
    h.step();
    assertEquals(Set.of(), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
  }

  /**
   * Kafka refuses commits while the consumer is in a rebalance, yet sinks keep committing takes.
   * The channel stops fetching until a commit goes through, so what a crash could re-deliver is
   * bounded by what was already queued.
   */
  @Test
  void commitRefused_pausesFetchingUntilACommitSucceeds() {
    started(Map.of());
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b");
    h.step();
    assertEquals(List.of("a", "b"), h.takeAllAndCommit());
    h.consumer.addLines(tp(0), 2, "web-1", "c", "d");
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing"));
    h.consumer.failNextCommit(new RebalanceInProgressException("rebalancing"));
    h.step(); // c, d fetched; commit of a, b refused

    h.step(); // paused; commit refused again
    assertEquals(Set.of(tp(0), tp(1)), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
    assertEquals(List.of("c", "d"), h.takeAllAndCommit(), "what was queued is still handed out");
    h.consumer.addLines(tp(0), 4, "web-1", "e");
    h.step(); // still paused: e not fetched; the commit goes through
    assertEquals(Map.of(tp(0), 4L), h.consumer.lastCommitted());
    assertEquals(List.of(), h.takeAllAndCommit());

    h.step(); // resumed
    assertEquals(Set.of(), h.consumer.pausedAtPoll().get(h.consumer.pollCount() - 1));
    assertEquals(List.of("e"), h.takeAllAndCommit());
    h.step();
    assertEquals(Map.of(tp(0), 5L), h.consumer.lastCommitted());
    assertEquals(2, h.channel.counter().getKafkaCommitFailureCount());
  }

  @Test
  void revoke_commitsWhatSinksCommitted_inFlightAfterTimeoutNeverAdvancesOffset() {
    started(Map.of("revoke.waitMillis", "0"));
    h.consumer.assignNow(tp(0), tp(1));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b");
    h.step();
    assertEquals(List.of("a", "b"), h.takeAllAndCommit());
    h.consumer.addLines(tp(0), 2, "web-1", "c", "d");
    h.step();
    Transaction open = h.begin();
    assertEquals(1, h.take(1).size());
    h.consumer.scheduleCooperativeRebalance(List.of(tp(1)), () -> {});
    h.step();
    assertEquals(
        2L, h.consumer.lastCommitted().get(tp(0)), "revoke committed the committed prefix");
    open.commit(); // too late: the partition has moved on
    open.close();
    h.step();
    assertEquals(2L, h.consumer.lastCommitted().get(tp(0)));
    assertEquals(1, h.channel.counter().getKafkaPartitionsRevokedCount());
  }

  @Test
  void lost_commitsNothingForLostPartition() {
    started(Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b");
    h.step();
    Transaction tx = h.begin();
    assertEquals(2, h.takeAll().size());
    h.consumer.scheduleLost(List.of(tp(0)));
    h.step();
    tx.commit();
    tx.close();
    h.step();
    assertEquals(Map.of(), h.consumer.lastCommitted());
    assertEquals(1, h.channel.counter().getKafkaPartitionsLostCount());
  }

  @Test
  void transactionCapacity_takeBeyondIt_fails() {
    started(Map.of("transactionCapacity", "2"));
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a", "b", "c");
    h.step();
    Transaction tx = h.begin();
    assertEquals(2, h.take(2).size());
    assertThrows(ChannelException.class, () -> h.channel.take());
    tx.rollback();
    tx.close();
  }

  @Test
  void put_producesWithKeyFromHeader_onCommitOnly() {
    started(Map.of());
    Transaction tx = h.begin();
    h.channel.put(
        EventBuilder.withBody("line".getBytes(StandardCharsets.UTF_8), Map.of("key", "web-3")));
    assertEquals(0, h.producer.history().size(), "nothing produced before commit");
    tx.commit();
    tx.close();
    List<ProducerRecord<byte[], byte[]>> sent = h.producer.history();
    assertEquals(1, sent.size());
    assertEquals(ScriptedConsumer.TOPIC, sent.get(0).topic());
    assertEquals("web-3", new String(sent.get(0).key(), StandardCharsets.UTF_8));
    assertEquals(1, h.channel.counter().getEventPutSuccessCount());
  }

  @Test
  void put_kafkaRefuses_commitFailsSoSourceRollsBack() {
    started(Map.of());
    h.producer.sendException = new org.apache.kafka.common.KafkaException("broker down");
    Transaction tx = h.begin();
    h.channel.put(EventBuilder.withBody(new byte[] {1}));
    assertThrows(ChannelException.class, tx::commit);
    tx.rollback();
    tx.close();
    assertEquals(0, h.channel.counter().getEventPutSuccessCount());
  }

  @Test
  void stop_commitsAndClosesConsumer() {
    started(Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web-1", "a");
    h.step();
    h.takeAllAndCommit();
    h.stop();
    assertEquals(Map.of(tp(0), 1L), h.consumer.lastCommitted());
    assertTrue(h.consumer.closed());
  }

  @Test
  void start_reportsBufferLimitAsCapacity() {
    started(Map.of("buffer.maxRecords", "1234"));
    assertEquals(1234, h.channel.counter().getChannelCapacity());
  }

  @Test
  void take_nothingPolled_returnsNull() {
    started(Map.of());
    Transaction tx = h.begin();
    assertNull(h.channel.take());
    tx.commit();
    tx.close();
  }

  @Test
  void take_nothingQueued_waitsForTheNextPoll_insteadOfReturningNull() throws Exception {
    started(Map.of("take.waitMillis", "10000"));
    h.consumer.assignNow(tp(0));
    Thread[] sinkThread = new Thread[1];
    ExecutorService sink =
        Executors.newSingleThreadExecutor(
            r -> {
              sinkThread[0] = new Thread(r, "waiting-sink");
              return sinkThread[0];
            });
    try {
      java.util.concurrent.Future<String> taken =
          sink.submit(
              () -> {
                Transaction tx = h.begin();
                Event event = h.channel.take();
                tx.commit();
                tx.close();
                return event == null ? null : new String(event.getBody(), StandardCharsets.UTF_8);
              });
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      while (sinkThread[0] == null || sinkThread[0].getState() != Thread.State.TIMED_WAITING) {
        assertTrue(System.nanoTime() < deadline, "the sink's take never waited");
        Thread.onSpinWait();
      }
      assertFalse(taken.isDone());
      h.consumer.addLines(tp(0), 0, "web-1", "late");
      h.step();
      assertEquals("late", taken.get(20, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      sink.shutdownNow();
    }
  }
}
