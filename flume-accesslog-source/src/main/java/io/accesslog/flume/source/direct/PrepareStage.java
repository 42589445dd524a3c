package io.accesslog.flume.source.direct;

import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct channel's middle thread, {@code <channel>-prepare}: it takes each poll's records from
 * the consumer thread, prepares them ({@link EventPreparer}: event conversion and interceptors) and
 * queues them in {@link TakeQueues}, so polling, preparing and the sinks' work run on three threads
 * instead of two. One poll waits here while the one before it is prepared; a third poll blocks the
 * consumer thread (backpressure), so what this stage holds is bounded by two polls ({@code
 * max.poll.records} each) and counts against the buffer limits.
 *
 * <p>Batches are prepared one at a time in poll order, so per-partition order is kept. A rebalance
 * first {@link #awaitIdle waits} until every batch polled before it is queued, so the revoke
 * handler sees (and drops or commits) all of them. If preparing a batch throws, the stage stops for
 * good and the consumer thread fails on its next submit: a skipped batch would leave a gap of
 * offsets the tracker could commit past.
 */
final class PrepareStage implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(PrepareStage.class);
  private static final long IDLE_WAIT_MILLIS = 100;

  private final String channelName;
  private final EventPreparer preparer;
  private final TakeQueues queues;

  /** Polled batches not yet taken up by the stage; guarded by this. */
  private final ArrayDeque<ConsumerRecords<byte[], byte[]>> waiting = new ArrayDeque<>();

  private int pendingRecords;
  private long pendingBytes;
  private boolean busy;
  private boolean running = true;
  private RuntimeException failure;

  PrepareStage(String channelName, EventPreparer preparer, TakeQueues queues) {
    this.channelName = channelName;
    this.preparer = preparer;
    this.queues = queues;
  }

  /**
   * Consumer thread: hands over one poll's records; blocks while another batch is already waiting.
   *
   * @throws IllegalStateException if the stage failed or was stopped
   */
  synchronized void submit(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    while (running && failure == null && !waiting.isEmpty()) {
      wait();
    }
    if (failure != null) {
      throw new IllegalStateException(channelName + ": preparing records failed earlier", failure);
    }
    if (!running) {
      throw new IllegalStateException(channelName + ": prepare stage stopped");
    }
    waiting.addLast(records);
    pendingRecords += records.count();
    pendingBytes += bytes(records);
    notifyAll();
  }

  /** Records handed over and not yet queued for take. */
  synchronized int pendingRecords() {
    return pendingRecords;
  }

  /** Their bytes (values and keys). */
  synchronized long pendingBytes() {
    return pendingBytes;
  }

  /** Consumer thread, before a rebalance acts on the queues: waits until every batch is queued. */
  synchronized void awaitIdle() throws InterruptedException {
    while (running && failure == null && (busy || !waiting.isEmpty())) {
      wait();
    }
  }

  /**
   * Prepares and queues the next waiting batch on the calling thread, waiting up to {@code
   * waitMillis} for one.
   *
   * @return false if none came
   */
  boolean prepareNext(long waitMillis) throws InterruptedException {
    ConsumerRecords<byte[], byte[]> records;
    synchronized (this) {
      if (waiting.isEmpty() && waitMillis > 0 && running) {
        wait(waitMillis);
      }
      records = waiting.pollFirst();
      if (records == null) {
        return false;
      }
      busy = true;
      notifyAll();
    }
    try {
      for (TopicPartition partition : records.partitions()) {
        queues.fetched(partition, preparer.prepare(records.records(partition)));
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
        busy = false;
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      busy = false;
      pendingRecords -= records.count();
      pendingBytes -= bytes(records);
      notifyAll();
    }
    return true;
  }

  @Override
  public void run() {
    try {
      while (isRunning()) {
        prepareNext(IDLE_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error(
          "{}: preparing polled records failed; the channel stops fetching (records not "
              + "taken are re-read from Kafka after a restart)",
          channelName,
          e);
    }
  }

  private synchronized boolean isRunning() {
    return running && failure == null;
  }

  /** Ends {@link #run()}; batches still waiting are dropped (not delivered, so re-read later). */
  synchronized void stop() {
    running = false;
    notifyAll();
  }

  private static long bytes(ConsumerRecords<byte[], byte[]> records) {
    long bytes = 0;
    for (ConsumerRecord<byte[], byte[]> record : records) {
      bytes += EventPreparer.bytes(record);
    }
    return bytes;
  }
}
