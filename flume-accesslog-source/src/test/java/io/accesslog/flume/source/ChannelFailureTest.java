package io.accesslog.flume.source;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Channel;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.junit.jupiter.api.Test;

/** Channels whose transaction fails: nothing may be committed to Kafka for the failed batch. */
class ChannelFailureTest {

  @Test
  void process_channelCommitFails_commitsNoOffsetUntilRetrySucceeds() {
    Channel channel = mock(Channel.class);
    Transaction tx = mock(Transaction.class);
    when(channel.getName()).thenReturn("failing");
    when(channel.getTransaction()).thenReturn(tx);
    doThrow(new ChannelException("disk full")).doNothing().when(tx).commit();
    SourceHarness h = SourceHarness.withChannel(channel, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0", "a1");

    h.process();

    assertTrue(h.consumer.commits().isEmpty(), "committed " + h.consumer.commits());
    verify(tx).rollback();
    assertEquals(Set.of(tp(0)), h.consumer.paused());

    h.clock.advanceMillis(100);
    h.process();

    assertEquals(List.of(Map.of(tp(0), 2L)), h.consumer.commits());
    verify(channel, times(4)).put(any(Event.class)); // the same two events, put twice
    assertTrue(h.consumer.paused().isEmpty());
    h.stop();
  }

  @Test
  void process_channelProcessorThrowsUnexpected_keepsBatchAndCountsFailure() {
    ChannelProcessor processor = mock(ChannelProcessor.class);
    doThrow(new IllegalStateException("interceptor bug"))
        .doNothing()
        .when(processor)
        .processEventBatch(any());
    SourceHarness h = SourceHarness.withChannelProcessor(processor, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "a0");

    h.process();
    assertTrue(h.consumer.commits().isEmpty());
    assertEquals(1, h.source.counter().getGenericProcessingFail());

    h.clock.advanceMillis(100);
    h.process();
    assertEquals(List.of(Map.of(tp(0), 1L)), h.consumer.commits());
    h.stop();
  }
}
