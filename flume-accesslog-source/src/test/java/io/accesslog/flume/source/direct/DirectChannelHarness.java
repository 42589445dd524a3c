package io.accesslog.flume.source.direct;

import io.accesslog.flume.core.ManualClock;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.conf.Configurables;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A started {@link KafkaDirectChannel} on a {@link ScriptedConsumer} and a {@code MockProducer}.
 * Its consumer thread is never started: tests drive the loop one step at a time with {@link
 * #step()}, so nothing depends on timing.
 */
final class DirectChannelHarness {

  private static final AtomicInteger IDS = new AtomicInteger();

  final ScriptedConsumer consumer = new ScriptedConsumer();
  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
  final KafkaDirectChannel channel;
  private Runnable loop;
  private PrepareStage stage;

  DirectChannelHarness(Map<String, String> overrides) {
    channel =
        new KafkaDirectChannel(
            props -> consumer,
            props -> producer,
            new ManualClock(1_700_000_000_000L),
            runnable -> {
              if (runnable instanceof PrepareStage) {
                stage = (PrepareStage) runnable;
              } else {
                loop = runnable;
              }
              return new Thread(() -> {});
            });
    channel.setName("direct-" + IDS.incrementAndGet());
    Configurables.configure(channel, new Context(config(overrides)));
    channel.start();
  }

  static Map<String, String> config(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", "localhost:9092");
    config.put("kafka.topic", ScriptedConsumer.TOPIC);
    config.put("kafka.consumer.group.id", "test-group");
    config.put("lag.refreshIntervalMillis", "0");
    config.put("take.waitMillis", "0"); // a take with nothing queued returns at once
    config.putAll(overrides);
    return config;
  }

  /**
   * One consumer-thread step (pause/resume, poll, hand over, commit delivered offsets), then what
   * the prepare thread does with the polled batch (convert, intercept, queue for take).
   */
  void step() {
    ((DirectConsumerLoop) loop).runOnce(Duration.ZERO);
    try {
      stage.prepareNext(0);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the channel and runs what its consumer thread does last (commit, close). */
  void stop() {
    channel.stop();
    loop.run();
  }

  /** Begins the calling thread's transaction (Flume keeps one per thread). */
  Transaction begin() {
    Transaction tx = channel.getTransaction();
    tx.begin();
    return tx;
  }

  /** Takes in the calling thread's open transaction until the channel returns null. */
  List<String> takeAll() {
    List<String> bodies = new ArrayList<>();
    Event event;
    while ((event = channel.take()) != null) {
      bodies.add(new String(event.getBody(), StandardCharsets.UTF_8));
    }
    return bodies;
  }

  /** One sink batch in the calling thread: begin, take everything waiting, commit. */
  List<String> takeAllAndCommit() {
    Transaction tx = begin();
    List<String> bodies = takeAll();
    tx.commit();
    tx.close();
    return bodies;
  }

  /** Takes at most {@code max} events in the calling thread's open transaction. */
  List<Event> take(int max) {
    List<Event> events = new ArrayList<>();
    Event event;
    while (events.size() < max && (event = channel.take()) != null) {
      events.add(event);
    }
    return events;
  }
}
