package io.accesslog.flume.source;

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
    CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
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
    assertTrue(nanos < TimeUnit.MINUTES.toNanos(1), "woken by the takes, not by the 2-minute timeout");
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
}
