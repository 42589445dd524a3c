package io.accesslog.flume.source;

import io.accesslog.flume.core.ManualClock;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Channel;
import org.apache.flume.ChannelSelector;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.PollableSource.Status;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;

/** A started source on a {@link ScriptedConsumer}, a fake clock and a real (tiny) MemoryChannel. */
final class SourceHarness {

  private static final AtomicInteger IDS = new AtomicInteger();

  final ScriptedConsumer consumer = new ScriptedConsumer();
  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final AccessLogKafkaSource source;
  final Channel channel;
  private final int transactionCapacity;

  private SourceHarness(
      Map<String, String> overrides,
      Channel channel,
      int transactionCapacity,
      ChannelProcessor processor) {
    this.channel = channel;
    this.transactionCapacity = transactionCapacity;
    source = new AccessLogKafkaSource(props -> consumer, clock);
    source.setName("src-" + IDS.incrementAndGet());
    Configurables.configure(source, new Context(baseConfig(overrides)));
    source.setChannelProcessor(processor);
    source.start();
  }

  private static ChannelProcessor processorFor(Channel channel) {
    ChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(List.of(channel));
    return new ChannelProcessor(selector);
  }

  static Map<String, String> baseConfig(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", "localhost:9092");
    config.put("kafka.topics", ScriptedConsumer.TOPIC);
    config.put("kafka.consumer.group.id", "test-group");
    config.put("batchSize", "2");
    config.put("backoff.initialMillis", "100");
    config.put("backoff.maxMillis", "400");
    config.put("lag.refreshIntervalMillis", "0");
    config.putAll(overrides);
    config.values().removeIf(java.util.Objects::isNull); // a null override removes a base key
    return config;
  }

  /** A source whose MemoryChannel holds {@code capacity} events and gives up at once when full. */
  static SourceHarness withMemoryChannel(int capacity, Map<String, String> overrides) {
    MemoryChannel channel = new MemoryChannel();
    channel.setName("mem-" + IDS.incrementAndGet());
    Map<String, String> channelConfig = new HashMap<>();
    channelConfig.put("capacity", Integer.toString(capacity));
    channelConfig.put("transactionCapacity", Integer.toString(capacity));
    channelConfig.put("keep-alive", "0");
    Configurables.configure(channel, new Context(channelConfig));
    channel.start();
    return new SourceHarness(overrides, channel, capacity, processorFor(channel));
  }

  /** A source on any channel (e.g. a mock whose commit fails); take() is not for these. */
  static SourceHarness withChannel(Channel channel, Map<String, String> overrides) {
    return new SourceHarness(overrides, channel, 1, processorFor(channel));
  }

  /** A source feeding the given (e.g. mocked) channel processor. */
  static SourceHarness withChannelProcessor(
      ChannelProcessor processor, Map<String, String> overrides) {
    return new SourceHarness(overrides, null, 1, processor);
  }

  Status process() {
    try {
      return source.process();
    } catch (org.apache.flume.EventDeliveryException e) {
      throw new AssertionError(e);
    }
  }

  /** Takes up to {@code max} events out of the channel in one transaction; returns the bodies. */
  List<String> take(int max) {
    List<String> bodies = new ArrayList<>();
    for (Event event : takeEvents(max)) {
      bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
    }
    return bodies;
  }

  List<Event> takeEvents(int max) {
    List<Event> events = new ArrayList<>();
    boolean more = true;
    while (more && events.size() < max) {
      Transaction tx = channel.getTransaction();
      tx.begin();
      try {
        int inThisTx = 0;
        Event event = null;
        while (events.size() < max
            && inThisTx < transactionCapacity
            && (event = channel.take()) != null) {
          events.add(event);
          inThisTx++;
        }
        more = event != null;
        tx.commit();
      } catch (RuntimeException e) {
        tx.rollback();
        throw e;
      } finally {
        tx.close();
      }
    }
    return events;
  }

  /** What the channel holds now, left in place (taken and rolled back). */
  List<Event> channelContents() {
    List<Event> events = new ArrayList<>();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      for (int i = 0; i < transactionCapacity; i++) {
        Event event = channel.take();
        if (event == null) {
          break;
        }
        events.add(event);
      }
      tx.rollback();
    } finally {
      tx.close();
    }
    return events;
  }

  void stop() {
    source.stop();
  }
}
