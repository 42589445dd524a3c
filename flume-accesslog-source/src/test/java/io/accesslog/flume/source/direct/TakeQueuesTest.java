package io.accesslog.flume.source.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flume.event.EventBuilder;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TakeQueuesTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);

  private static List<TakeQueues.Prepared> records(int from, int count, int bytes) {
    List<TakeQueues.Prepared> list = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      list.add(new TakeQueues.Prepared(i, EventBuilder.withBody(new byte[bytes]), bytes));
    }
    return list;
  }

  @Test
  void awaitRoom_returnsAsSoonAsTakesBringTheQueueDownToTheLevel() throws Exception {
    TakeQueues queues = new TakeQueues();
    queues.fetched(P0, records(0, 10, 100));
    Object owner = new Object();
    CompletableFuture<Long> waited =
        CompletableFuture.supplyAsync(
            () -> {
              long start = System.nanoTime();
              try {
                queues.awaitRoom(5, 500, TimeUnit.MINUTES.toMillis(2));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return System.nanoTime() - start;
            });
    for (int i = 0; i < 5; i++) {
      assertEquals(i, queues.take(owner, null, 0).record.offset);
    }
    long nanos = waited.get(1, TimeUnit.MINUTES);
    assertTrue(
        nanos < TimeUnit.MINUTES.toNanos(1), "woken by the takes, not by the 2-minute timeout");
    assertEquals(5, queues.queued());
    assertEquals(500, queues.queuedBytes());
  }

  @Test
  void queuedBytes_followTakesRollbacksAndClose() throws Exception {
    TakeQueues queues = new TakeQueues();
    queues.fetched(P0, records(0, 3, 40));
    Object owner = new Object();
    List<TakeQueues.Taken> taken = new ArrayList<>();
    taken.add(queues.take(owner, null, 0));
    taken.add(queues.take(owner, taken.get(0).queue, 0));
    assertEquals(40, queues.queuedBytes());
    queues.rollback(owner, taken);
    assertEquals(120, queues.queuedBytes());
    assertEquals(3, queues.close(List.of(P0)));
    assertEquals(0, queues.queuedBytes());
    assertEquals(0, queues.queued());
  }

  private static final TopicPartition P1 = new TopicPartition("t", 1);

  @Test
  void runTake_recordsOfOnePartitionInOrder_givenBackStayLeasedUntilRelease() throws Exception {
    TakeQueues queues = new TakeQueues();
    queues.fetched(P0, records(0, 100, 10));
    queues.fetched(P1, records(0, 10, 10));
    Object owner = new Object();
    Object other = new Object();
    List<TakeQueues.Taken> run = new ArrayList<>();
    assertEquals(64, queues.take(owner, null, 64, 0, run));
    TopicPartition partition = run.get(0).queue.partition;
    for (int i = 0; i < run.size(); i++) {
      assertEquals(partition, run.get(i).queue.partition);
      assertEquals(i, run.get(i).record.offset);
    }
    assertEquals(64, queues.inFlight());
    queues.giveBack(owner, run.subList(4, run.size()));
    assertEquals(4, queues.inFlight());
    assertEquals(110 - 4, queues.queued());
    // the partition stays with owner: another transaction gets the other partition's records only
    List<TakeQueues.Taken> others = new ArrayList<>();
    assertEquals(10, queues.take(other, null, 64, 0, others));
    assertTrue(others.stream().allMatch(t -> !t.queue.partition.equals(partition)));
    queues.commit(other, others);
    assertEquals(null, queues.take(other, null, 0), "leased to owner until it commits");
    queues.commit(owner, run.subList(0, 4));
    assertEquals(
        4,
        queues.toCommit().get(partition),
        "the next offset to commit follows the handed-out records");
    TakeQueues.Taken next = queues.take(other, null, 0);
    assertEquals(partition, next.queue.partition);
    assertEquals(4, next.record.offset, "the given-back records come next, in order");
  }

  @Test
  void transaction_takesARunButCommitsOnlyWhatItHandedOut_rollbackKeepsOrder() throws Exception {
    TakeQueues queues = new TakeQueues();
    queues.fetched(P0, records(0, 100, 10));
    DirectChannelCounter counter = new DirectChannelCounter("ch-run-test");
    DirectTransaction tx = new DirectTransaction("ch", 1000, 0, queues, null, counter);
    for (int i = 0; i < 3; i++) {
      assertEquals(10, tx.doTake().getBody().length);
    }
    assertEquals(100 - DirectTransaction.RUN, queues.queued(), "one run taken ahead");
    tx.doCommit();
    assertEquals(0, queues.inFlight());
    assertEquals(97, queues.queued());
    assertEquals(3, queues.toCommit().get(P0));
    assertEquals(3, counter.getEventTakeSuccessCount());

    DirectTransaction tx2 = new DirectTransaction("ch", 1000, 0, queues, null, counter);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      tx2.doTake();
    }
    tx2.doRollback();
    assertEquals(97, queues.queued());
    assertEquals(0, queues.inFlight());
    Object reader = new Object();
    for (int i = 0; i < 97; i++) {
      TakeQueues.Taken t = queues.take(reader, null, 0);
      offsets.add(t.record.offset);
      queues.commit(reader, List.of(t));
    }
    List<Long> expected = new ArrayList<>();
    for (long o = 3; o < 100; o++) {
      expected.add(o);
    }
    assertEquals(
        expected, offsets, "after the rollback every record is back once, in offset order");
  }
}
