package io.accesslog.flume.source;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.EventHeaders;
import io.accesslog.flume.source.kafka.LagMonitor;
import io.accesslog.flume.source.kafka.OffsetCommitter;
import io.accesslog.flume.source.kafka.OffsetTracker;
import io.accesslog.flume.source.kafka.PartitionPauser;
import io.accesslog.flume.source.kafka.RecordEventConverter;
import java.time.Duration;
import java.util.List;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.PollableSource.Status;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of the source: poll Kafka, put one batch into the channel, commit offsets.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Threading.</b> Everything here, including {@link RebalanceHandler} (called inside poll),
 * runs on the single thread that calls {@link #process()} (Flume's PollableSourceRunner). Only
 * {@link #wakeup()} may be called from another thread; it makes a blocked poll() or commitSync()
 * return with a WakeupException, after which {@link #process()} returns BACKOFF.
 *
 * <p><b>Ack after commit.</b> Polled records go to a {@link RecordBuffer}. A batch is a prefix of
 * it (per-partition order kept); it leaves the buffer, and the {@link OffsetTracker} marks it
 * delivered, only after {@link ChannelProcessor#processEventBatch} returned, i.e. after the channel
 * transaction committed. Offsets are committed to Kafka only from the tracker, so never past a
 * record the channel does not hold.
 *
 * <p><b>Channel refuses a batch</b> (ChannelFullException or any other failure): the batch stays at
 * the head of the buffer, all assigned partitions are paused ({@link Backpressure}) and every later
 * {@link #process()} call still polls, which returns no records but keeps the consumer in its
 * group, until the backoff expires and the same batch is retried. When it goes through the
 * partitions are resumed. Nothing is re-read, so this path makes no duplicates.
 *
 * <p><b>A failed offset commit holds further batches.</b> While a consumer is in a rebalance (and
 * after it was evicted) Kafka refuses its commits, yet poll() still returns records. Putting them
 * into the channel meanwhile would pile up delivered records whose offsets are not committed, and a
 * crash then would re-deliver all of them. So after a failed commit every assigned partition is
 * paused ({@link PartitionPauser.Reason#COMMIT_OWED}) and no batch goes to the channel; each {@link
 * #process()} call polls briefly, which completes the rebalance, and retries the commit. Once it
 * succeeds (or the partitions it owed moved away) the partitions are resumed. A crash re-delivers
 * at most the batches since the last successful commit: one.
 *
 * <p><b>Rebalances</b> are handled by {@link RebalanceHandler}.
 */
final class PollLoop {

  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

  /** Longest poll while a commit is owed, between two commit attempts. */
  static final long COMMIT_RETRY_POLL_MILLIS = 100;

  /** While a commit stays owed, a WARN this often (the failures in between log at DEBUG). */
  static final long COMMIT_OWED_WARN_MILLIS = 60_000;

  private final String sourceName;
  private final SourceSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final ChannelProcessor channelProcessor;
  private final AccessLogSourceCounter counter;
  private final Clock clock;
  private final RecordBuffer buffer = new RecordBuffer();
  private final OffsetTracker tracker = new OffsetTracker();
  private final OffsetCommitter committer;
  private final PartitionPauser pauser;
  private final Backpressure backpressure;
  private final RecordEventConverter converter;
  private final LagMonitor lagMonitor;
  private final RebalanceHandler rebalanceHandler;
  private long commitOwedSinceMillis;
  private long commitOwedWarnedMillis;

  PollLoop(
      String sourceName,
      SourceSettings settings,
      Consumer<byte[], byte[]> consumer,
      ChannelProcessor channelProcessor,
      AccessLogSourceCounter counter,
      Clock clock) {
    this.sourceName = sourceName;
    this.settings = settings;
    this.consumer = consumer;
    this.channelProcessor = channelProcessor;
    this.counter = counter;
    this.clock = clock;
    this.committer = new OffsetCommitter(sourceName, consumer, tracker, counter.kafkaCounts());
    this.pauser = new PartitionPauser(consumer, counter.kafkaCounts()::setKafkaPausedPartitions);
    this.backpressure = new Backpressure(pauser, settings.retryBackoff());
    this.converter =
        new RecordEventConverter(
            settings.consumer().timestampHeader(),
            settings.flumeEventFormat(),
            settings.topicHeader(),
            settings.headerMapping());
    this.lagMonitor =
        new LagMonitor(
            consumer,
            buffer::firstOffsets,
            counter.kafkaCounts()::setKafkaLag,
            settings.consumer().lagRefreshMillis());
    this.rebalanceHandler =
        new RebalanceHandler(sourceName, buffer, tracker, committer, pauser, counter);
  }

  /** Subscribes to the configured topics (or topic pattern) with the rebalance handler. */
  void subscribe() {
    if (settings.topicPattern() != null) {
      consumer.subscribe(settings.topicPattern(), rebalanceHandler);
    } else {
      consumer.subscribe(settings.topics(), rebalanceHandler);
    }
  }

  /** Runs one step; READY when there may be more to do at once, BACKOFF when idle. */
  Status process() {
    long now = clock.millis();
    lagMonitor.maybeRefresh(now);
    if (pauser.holds(PartitionPauser.Reason.COMMIT_OWED)) {
      retryOwedCommit();
      return Status.READY;
    }
    if (backpressure.isActive() && !backpressure.isRetryDue(now)) {
      // Waiting to retry. Partitions are paused, so this returns no new records; it blocks
      // until the retry is due (at most one batch duration) and keeps the group membership.
      poll(
          Duration.ofMillis(
              Math.min(backpressure.millisUntilRetry(now), settings.batchDurationMillis())));
      if (buffer.isEmpty()) {
        backpressure.release(); // a rebalance took the refused records away
      }
      commit("while a refused batch waits");
      return Status.READY;
    }
    if (backpressure.isActive()) {
      poll(Duration.ZERO); // stay in the group even if every retry is due at once
    } else {
      fill(now);
    }
    if (buffer.isEmpty()) {
      backpressure.release();
      commit("idle");
      return Status.BACKOFF;
    }
    deliverBatch(clock.millis());
    return Status.READY;
  }

  /** Polls until a batch is buffered, the batch duration passed, or a poll comes back empty. */
  private void fill(long startMillis) {
    long deadline = startMillis + settings.batchDurationMillis();
    while (buffer.size() < settings.batchSize()) {
      long remaining = deadline - clock.millis();
      if (remaining <= 0 || poll(Duration.ofMillis(remaining)) == 0) {
        return;
      }
    }
  }

  private int poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      tracker.fetched(new TopicPartition(record.topic(), record.partition()), record.offset());
      buffer.add(record);
    }
    if (!records.isEmpty()) {
      counter.addToEventReceivedCount(records.count());
    }
    return records.count();
  }

  private void deliverBatch(long now) {
    List<ConsumerRecord<byte[], byte[]>> batch = buffer.peek(settings.batchSize());
    List<Event> events = converter.toEvents(batch);
    counter.incrementAppendBatchReceivedCount();
    try {
      channelProcessor.processEventBatch(events);
    } catch (ChannelException e) {
      refused(batch.size(), now, e);
      return;
    } catch (RuntimeException e) {
      // Not a channel condition (e.g. an interceptor bug): still never drop the batch.
      counter.incrementGenericProcessingFail();
      refused(batch.size(), now, e);
      return;
    }
    buffer.removeFirst(batch.size());
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      tracker.delivered(new TopicPartition(record.topic(), record.partition()), record.offset());
    }
    counter.addToEventAcceptedCount(batch.size());
    countDecodeErrors(events);
    counter.incrementAppendBatchAcceptedCount();
    if (backpressure.isActive()) {
      LOG.info(
          "{}: channel accepted the batch after {} refused attempts; resuming partitions",
          sourceName,
          backpressure.failedAttempts());
      backpressure.release();
    }
    commit("batch");
  }

  /** Commits what the channel holds; a failure holds further batches until a commit succeeds. */
  private void commit(String reason) {
    if (committer.commitDelivered(reason)) {
      return;
    }
    pauser.hold(PartitionPauser.Reason.COMMIT_OWED);
    commitOwedSinceMillis = clock.millis();
    commitOwedWarnedMillis = commitOwedSinceMillis;
    // OffsetCommitter has logged the failure at WARN; this says what the source does about it.
    LOG.info(
        "{}: holding further batches, partitions paused, until an offset commit succeeds "
            + "({} failed), so that a crash re-delivers no more than the records already in the "
            + "channel since the last commit",
        sourceName,
        reason);
  }

  /** Polls briefly (completing a rebalance in progress, keeping the membership), commits again. */
  private void retryOwedCommit() {
    poll(Duration.ofMillis(Math.min(COMMIT_RETRY_POLL_MILLIS, settings.batchDurationMillis())));
    if (committer.commitDelivered("retry of a failed commit")) {
      pauser.release(PartitionPauser.Reason.COMMIT_OWED);
      LOG.info(
          "{}: offset commit succeeded after {} ms; delivering batches again",
          sourceName,
          clock.millis() - commitOwedSinceMillis);
      return;
    }
    long now = clock.millis();
    if (now - commitOwedWarnedMillis >= COMMIT_OWED_WARN_MILLIS) {
      commitOwedWarnedMillis = now;
      LOG.warn(
          "{}: offset commits have failed for {} s ({} failures in all); still holding "
              + "batches with partitions paused. A rebalance lasts at most session.timeout.ms; "
              + "check the broker log and the group's state if this goes on",
          sourceName,
          (now - commitOwedSinceMillis) / 1000,
          counter.getKafkaCommitFailureCount());
    }
  }

  /** Counted once a record is in the channel, so retries of a refused batch do not recount. */
  private void countDecodeErrors(List<Event> events) {
    long errors = 0;
    for (Event event : events) {
      if (event.getHeaders().containsKey(EventHeaders.DECODE_ERROR)) {
        errors++;
      }
    }
    if (errors > 0) {
      counter.kafkaCounts().addKafkaDecodeErrors(errors);
      LOG.warn(
          "{}: {} records were not Flume Avro events; passed on raw with a '{}' header",
          sourceName,
          errors,
          EventHeaders.DECODE_ERROR);
    }
  }

  private void refused(int batchSize, long now, RuntimeException cause) {
    counter.incrementChannelWriteFail();
    long delay = backpressure.onRefused(now);
    String message =
        "{}: channel refused a batch of {} events (attempt {}); keeping it, "
            + "{} partitions paused, retrying in {} ms while still polling Kafka. If this persists, "
            + "check the sink or raise the channel capacity: {}";
    Object[] args = {
      sourceName,
      batchSize,
      backpressure.failedAttempts(),
      consumer.paused().size(),
      delay,
      cause.toString()
    };
    if (cause instanceof ChannelException && backpressure.failedAttempts() > 1) {
      LOG.debug(message, args);
    } else if (cause instanceof ChannelException) {
      LOG.warn(message, args);
    } else {
      LOG.error(message, args);
      LOG.error("{}: unexpected failure putting a batch", sourceName, cause);
    }
  }

  /** Commits what the channel holds; called before close. */
  void commitDelivered() {
    committer.commitDelivered("stop");
  }

  /** Thread-safe: interrupts a blocked poll() or commitSync(). */
  void wakeup() {
    consumer.wakeup();
  }

  int bufferedRecords() {
    return buffer.size();
  }
}
