package io.accesslog.flume.source.direct;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.ConsumerFactory;
import io.accesslog.flume.source.kafka.OffsetTracker;
import io.accesslog.flume.source.kafka.RecordEventConverter;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.FlumeException;
import org.apache.flume.channel.BasicChannelSemantics;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.interceptor.InterceptorChain;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume channel that is a Kafka consumer group: sinks take records straight from Kafka, and a
 * record's offset is committed only after the sink's take transaction commits. With our gzip HDFS
 * sink (which commits after its spool fsync) a line is acknowledged to Kafka only once it is
 * durable on the sink side, with one hop and no second local store. Interceptors configured on the
 * channel run on its prepare thread as records arrive, ahead of take, so header-setting
 * interceptors work without a source and a sink's take is a queue hand-off. A source may put into
 * it too: puts are produced to the same topic. Keys are listed in the module README.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Threading contract.</b> The Kafka consumer is single-threaded: a dedicated thread, {@code
 * <channel>-kafka-consumer} ({@link DirectConsumerLoop}), is the only one that calls it; it polls
 * every {@value DirectConsumerLoop#POLL_MS} ms whatever the sinks do, so the consumer stays in its
 * group however slow they are (no tuning of {@code max.poll.interval.ms}), and a full buffer pauses
 * partitions instead of stopping the poll. A second thread, {@code <channel>-prepare} ({@link
 * PrepareStage}), converts each polled record to an event and runs the interceptors, so polling,
 * parsing and the sink's own work run side by side. Sink threads (any number) only touch {@link
 * TakeQueues}, under its monitor, and never wait for the consumer thread. The put side uses the
 * thread-safe Kafka producer. {@link #stop()} stops the consumer thread, waits for it (its close
 * revokes the partitions once the prepare thread has queued what was polled), then stops the
 * prepare thread and closes the producer and interceptors.
 *
 * <p><b>Order and several sinks.</b> A take transaction holds each partition it took from until it
 * commits or rolls back, so a partition's records are in flight in one transaction at a time and
 * are handed out in offset order: per-partition (per-host) order is kept for every sink thread, and
 * a rollback puts the records back at the head, in order.
 *
 * <p><b>Ack after sink commit.</b> Offsets are committed by the consumer thread from the {@link
 * OffsetTracker}: one past the longest run of records whose take transactions committed, never
 * further. A crash between a sink commit and the next offset commit (at most one poll interval)
 * re-delivers those records after restart: at-least-once, never loss.
 */
public class KafkaDirectChannel extends BasicChannelSemantics {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDirectChannel.class);
  private static final long STOP_TIMEOUT_MILLIS = 60_000;

  private final ConsumerFactory consumerFactory;
  private final EventProducer.Factory producerFactory;
  private final Clock clock;
  private final ThreadFactory threadFactory;

  private DirectChannelSettings settings;
  private InterceptorChain interceptors;
  private DirectChannelCounter counter;
  private TakeQueues queues;
  private EventProducer producer;
  private DirectConsumerLoop loop;
  private Thread consumerThread;
  private PrepareStage stage;
  private Thread stageThread;

  /** Used by Flume. */
  public KafkaDirectChannel() {
    this(ConsumerFactory.KAFKA, EventProducer.Factory.KAFKA, Clock.SYSTEM, Thread::new);
  }

  /**
   * @param threadFactory makes the consumer thread (named and made a daemon here); tests pass one
   *     that does not run it and drive the loop step by step
   */
  KafkaDirectChannel(
      ConsumerFactory consumerFactory,
      EventProducer.Factory producerFactory,
      Clock clock,
      ThreadFactory threadFactory) {
    this.consumerFactory = consumerFactory;
    this.producerFactory = producerFactory;
    this.clock = clock;
    this.threadFactory = threadFactory;
  }

  @Override
  public void configure(Context context) {
    if (getName() == null) {
      throw new ConfigurationException("channel has no name");
    }
    DirectChannelSettings parsed = DirectChannelSettings.fromContext(context);
    InterceptorChain chain = ChannelInterceptors.fromContext(context);
    settings = parsed;
    interceptors = chain;
    if (counter == null) {
      counter = new DirectChannelCounter(getName());
    }
  }

  @Override
  public synchronized void start() {
    Consumer<byte[], byte[]> consumer = consumerFactory.create(settings.consumer().properties());
    TakeQueues newQueues = new TakeQueues();
    EventPreparer preparer =
        new EventPreparer(
            getName(),
            new RecordEventConverter(
                settings.consumer().timestampHeader(), settings.parseAsFlumeEvent()),
            interceptors,
            counter,
            clock);
    PrepareStage newStage = new PrepareStage(getName(), preparer, newQueues);
    DirectConsumerLoop newLoop =
        new DirectConsumerLoop(getName(), settings, consumer, newQueues, newStage, counter, clock);
    try {
      newLoop.subscribe();
    } catch (KafkaException e) {
      consumer.close();
      throw new FlumeException(getName() + ": could not subscribe to " + settings.topic(), e);
    }
    queues = newQueues;
    producer = new EventProducer(getName(), settings, producerFactory);
    interceptors.initialize();
    loop = newLoop;
    stage = newStage;
    stageThread = threadFactory.newThread(newStage);
    stageThread.setName(getName() + "-prepare");
    stageThread.setDaemon(true);
    consumerThread = threadFactory.newThread(newLoop);
    consumerThread.setName(getName() + "-kafka-consumer");
    consumerThread.setDaemon(true);
    counter.start(); // resets every counter
    counter.setChannelCapacity(settings.bufferMaxRecords());
    stageThread.start();
    consumerThread.start();
    super.start();
    LOG.info(
        "{}: started, topic {}, group {}, transactionCapacity {}, buffer.maxRecords {}, "
            + "buffer.maxBytes {}, records {}",
        getName(),
        settings.topic(),
        settings.consumer().groupId(),
        settings.transactionCapacity(),
        settings.bufferMaxRecords(),
        settings.bufferMaxBytes(),
        settings.parseAsFlumeEvent()
            ? "are Flume Avro events (parseAsFlumeEvent = true)"
            : "are raw bodies");
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new DirectTransaction(
        getName(),
        settings.transactionCapacity(),
        settings.takeWaitMillis(),
        queues,
        producer,
        counter);
  }

  @Override
  public synchronized void stop() {
    if (loop != null) {
      loop.stop();
      try {
        consumerThread.join(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (consumerThread.isAlive()) {
        LOG.warn(
            "{}: consumer thread still running {} s after stop; leaving it (daemon)",
            getName(),
            TimeUnit.MILLISECONDS.toSeconds(STOP_TIMEOUT_MILLIS));
      }
      loop = null;
      consumerThread = null;
      // after the consumer's close: its revoke waited for the stage to queue what was polled
      stage.stop();
      try {
        stageThread.join(STOP_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stage = null;
      stageThread = null;
    }
    if (producer != null) {
      producer.close();
    }
    if (interceptors != null) {
      interceptors.close();
    }
    counter.stop();
    super.stop();
    LOG.info("{}: stopped. Metrics: {}", getName(), counter);
  }

  /** For tests in-process. */
  DirectChannelCounter counter() {
    return counter;
  }
}
