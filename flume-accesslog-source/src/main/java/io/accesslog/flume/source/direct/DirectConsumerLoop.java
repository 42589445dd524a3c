package io.accesslog.flume.source.direct;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.LagMonitor;
import io.accesslog.flume.source.kafka.OffsetCommitter;
import io.accesslog.flume.source.kafka.PartitionPauser;
import java.time.Duration;
import java.util.Collections;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct channel's consumer thread: the only thread that touches the Kafka consumer. Each
 * {@link #runOnce step} applies the memory bound and the owed-commit pause ({@link BufferGate}),
 * polls (so the consumer stays in its group whatever the sinks do), hands the records to the {@link
 * PrepareStage} (which converts them, runs the interceptors and queues them for take), and commits
 * the offsets the sinks' take transactions have delivered. {@link #stop()} is the only method other
 * threads call: it makes a blocked poll return, after which {@link #run()} commits once more and
 * closes the consumer (which revokes its partitions through the rebalance handler).
 */
final class DirectConsumerLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DirectConsumerLoop.class);
  static final long POLL_MS = 100;
  static final Duration POLL_TIMEOUT = Duration.ofMillis(POLL_MS);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final long FAILURE_PAUSE_MILLIS = 1000;

  private final String channelName;
  private final String topic;
  private final Consumer<byte[], byte[]> consumer;
  private final TakeQueues queues;
  private final PrepareStage stage;
  private final DirectChannelCounter counter;
  private final Clock clock;
  private final OffsetCommitter committer;
  private final BufferGate gate;
  private final LagMonitor lagMonitor;
  private final DirectRebalanceHandler rebalanceHandler;
  private volatile boolean running = true;
  private boolean commitOwed;

  DirectConsumerLoop(
      String channelName,
      DirectChannelSettings settings,
      Consumer<byte[], byte[]> consumer,
      TakeQueues queues,
      PrepareStage stage,
      DirectChannelCounter counter,
      Clock clock) {
    this.channelName = channelName;
    this.topic = settings.topic();
    this.consumer = consumer;
    this.queues = queues;
    this.stage = stage;
    this.counter = counter;
    this.clock = clock;
    this.committer = new OffsetCommitter(channelName, consumer, queues, counter.kafkaCounts());
    this.gate =
        new BufferGate(
            new PartitionPauser(consumer, counter.kafkaCounts()::setKafkaPausedPartitions),
            settings.bufferMaxRecords(),
            settings.bufferMaxBytes());
    this.lagMonitor =
        new LagMonitor(
            consumer,
            queues::firstUndelivered,
            counter.kafkaCounts()::setKafkaLag,
            settings.consumer().lagRefreshMillis());
    this.rebalanceHandler =
        new DirectRebalanceHandler(
            channelName, queues, stage, committer, gate, counter, settings.revokeWaitMillis());
  }

  /** Subscribes to the topic with the rebalance handler; call before starting the thread. */
  void subscribe() {
    consumer.subscribe(Collections.singletonList(topic), rebalanceHandler);
  }

  /** One step: pause or resume, poll, prepare and hand over, commit delivered offsets, lag. */
  void runOnce(Duration pollTimeout) {
    updateGate();
    Duration timeout = pollTimeout;
    if (gate.full()) {
      // Paused for a full buffer: wait for the sinks to make room (not for a poll that can return
      // nothing), then resume at once; the poll below only keeps the group membership.
      awaitRoom(pollTimeout.toMillis());
      updateGate();
      timeout = Duration.ZERO;
    }
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    if (!records.isEmpty()) {
      submit(records);
    }
    commitOwed = !committer.commitDelivered("sink commit");
    counter.setHeld(
        queues.queued() + stage.pendingRecords(),
        queues.queuedBytes() + stage.pendingBytes(),
        queues.inFlight());
    lagMonitor.maybeRefresh(clock.millis());
  }

  @Override
  public void run() {
    try {
      while (running) {
        try {
          runOnce(POLL_TIMEOUT);
        } catch (WakeupException e) {
          // stop() woke a poll or a commit; the loop condition decides
        } catch (InterruptException e) {
          LOG.warn("{}: consumer thread interrupted; stopping", channelName);
          break;
        } catch (KafkaException e) {
          LOG.error(
              "{}: Kafka consumer failed; retrying in {} ms", channelName, FAILURE_PAUSE_MILLIS, e);
          pauseAfterFailure();
        }
      }
    } catch (RuntimeException e) {
      LOG.error(
          "{}: consumer thread failed; the channel hands out nothing more until the agent "
              + "restarts",
          channelName,
          e);
      throw e;
    } finally {
      close();
    }
  }

  /** Records polled and not yet taken: queued for take, or still being prepared. */
  private void updateGate() {
    gate.update(
        queues.queued() + stage.pendingRecords(),
        queues.queuedBytes() + stage.pendingBytes(),
        commitOwed);
  }

  private void submit(ConsumerRecords<byte[], byte[]> records) {
    try {
      stage.submit(records);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void awaitRoom(long timeoutMillis) {
    try {
      queues.awaitRoom(gate.resumeRecords(), gate.resumeBytes(), timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void pauseAfterFailure() {
    try {
      Thread.sleep(FAILURE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void close() {
    try {
      try {
        committer.commitDelivered("stop");
      } catch (WakeupException e) {
        // the wakeup meant for a poll hit the commit instead: commit once more
        committer.commitDelivered("stop");
      }
    } catch (KafkaException e) {
      LOG.warn("{}: final offset commit failed; close() tries again on revoke", channelName, e);
    }
    try {
      consumer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      LOG.warn(
          "{}: error closing the Kafka consumer; records not committed by the sinks are "
              + "re-read after restart",
          channelName,
          e);
    }
  }

  /** Thread-safe: ends {@link #run()} after its current step. */
  void stop() {
    running = false;
    consumer.wakeup();
  }
}
