package io.accesslog.flume.source.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.RecordEventConverter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.interceptor.Interceptor;
import org.apache.flume.interceptor.InterceptorChain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PrepareStageTest {

  private static final TopicPartition P0 = new TopicPartition("t", 0);
  private static final TopicPartition P1 = new TopicPartition("t", 1);

  private static ConsumerRecords<byte[], byte[]> poll(TopicPartition tp, long from, int count) {
    List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
    for (long o = from; o < from + count; o++) {
      list.add(
          new ConsumerRecord<>(
              tp.topic(),
              tp.partition(),
              o,
              "h".getBytes(StandardCharsets.UTF_8),
              ("line-" + o).getBytes(StandardCharsets.UTF_8)));
    }
    return new ConsumerRecords<>(Map.of(tp, list));
  }

  private static PrepareStage stage(TakeQueues queues, Interceptor... interceptors) {
    InterceptorChain chain = new InterceptorChain();
    chain.setInterceptors(List.of(interceptors));
    EventPreparer preparer =
        new EventPreparer(
            "ch",
            new RecordEventConverter(false, false),
            chain,
            new DirectChannelCounter("ch"),
            Clock.ofMillis(() -> 0L));
    return new PrepareStage("ch", preparer, queues);
  }

  @Test
  void awaitIdle_returnsOnceEveryBatchPolledBeforeIsQueued_inPollOrder() throws Exception {
    TakeQueues queues = new TakeQueues();
    PrepareStage stage = stage(queues);
    stage.submit(poll(P0, 0, 3));
    assertEquals(3, stage.pendingRecords());
    assertEquals(3 * (1 + "line-0".length()), stage.pendingBytes());
    Thread thread = new Thread(stage, "prepare");
    thread.start();
    stage.submit(poll(P0, 3, 2));
    stage.awaitIdle();
    assertEquals(5, queues.queued(), "both batches queued before awaitIdle returned");
    assertEquals(0, stage.pendingRecords());
    Object owner = new Object();
    for (long expected = 0; expected < 5; expected++) {
      TakeQueues.Taken taken = queues.take(owner, null, 0);
      assertEquals(expected, taken.record.offset);
      assertEquals(
          "line-" + expected, new String(taken.record.event.getBody(), StandardCharsets.UTF_8));
    }
    stage.stop();
    thread.join(TimeUnit.SECONDS.toMillis(30));
    assertTrue(!thread.isAlive());
    assertThrows(IllegalStateException.class, () -> stage.submit(poll(P1, 0, 1)), "stopped");
  }

  @Test
  void prepareFails_stageStopsForGood_submitFailsInsteadOfSkippingABatch() throws Exception {
    TakeQueues queues = new TakeQueues();
    PrepareStage stage = stage(queues);
    // a poll whose records() cannot be iterated stands for any failure outside the interceptors
    ConsumerRecords<byte[], byte[]> bad =
        new ConsumerRecords<byte[], byte[]>(Map.of(P0, List.of())) {
          @Override
          public List<ConsumerRecord<byte[], byte[]>> records(TopicPartition partition) {
            throw new IllegalStateException("scripted failure");
          }
        };
    stage.submit(bad);
    assertThrows(IllegalStateException.class, () -> stage.prepareNext(0));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> stage.submit(poll(P0, 0, 1)));
    assertTrue(e.getMessage().contains("failed earlier"), e.getMessage());
    stage.awaitIdle(); // returns: a failed stage never blocks a rebalance
    assertEquals(0, queues.queued());
  }
}
