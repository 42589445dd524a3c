package io.accesslog.flume.source.direct;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicTransactionSemantics;

/**
 * One transaction of the direct channel, used by one thread (Flume keeps it thread-local).
 *
 * <ul>
 *   <li>take: the next event from {@link TakeQueues} (holding its partition for this transaction),
 *       already converted and through the channel's interceptors; null when nothing arrives within
 *       {@code take.waitMillis}.
 *   <li>put: kept until commit.
 *   <li>commit: the puts are produced and acknowledged by Kafka; the taken records become
 *       delivered, and the consumer thread commits their offsets (contiguous prefix per partition)
 *       on its next step. Nothing is acknowledged to Kafka before this.
 *   <li>rollback: the taken records go back to the head of their partitions, so the next take
 *       rewinds to the first uncommitted record; the puts are dropped.
 * </ul>
 */
final class DirectTransaction extends BasicTransactionSemantics {

  /** Records taken per monitor entry at most. */
  static final int RUN = 64;

  private final String channelName;
  private final int capacity;
  private final long takeWaitMillis;
  private final TakeQueues queues;
  private final EventProducer producer;
  private final DirectChannelCounter counter;
  private final List<TakeQueues.Taken> taken = new ArrayList<>();
  private final List<Event> puts = new ArrayList<>();
  private int handedOut;

  /**
   * Records taken in one run ({@link TakeQueues#take(Object, TakeQueues.PartitionQueue, int, long,
   * List)}) and handed out from {@link #ahead} on; the rest go back before commit or rollback.
   */
  private final List<TakeQueues.Taken> run = new ArrayList<>();

  private int ahead;

  /** The queue of the last take: tried first by the next. */
  private TakeQueues.PartitionQueue lastQueue;

  DirectTransaction(
      String channelName,
      int capacity,
      long takeWaitMillis,
      TakeQueues queues,
      EventProducer producer,
      DirectChannelCounter counter) {
    this.channelName = channelName;
    this.capacity = capacity;
    this.takeWaitMillis = takeWaitMillis;
    this.queues = queues;
    this.producer = producer;
    this.counter = counter;
  }

  @Override
  protected void doPut(Event event) {
    counter.incrementEventPutAttemptCount();
    if (puts.size() >= capacity) {
      throw new ChannelException(
          channelName
              + ": put transaction full at transactionCapacity "
              + capacity
              + "; commit more often or raise transactionCapacity");
    }
    puts.add(event);
  }

  @Override
  protected Event doTake() throws InterruptedException {
    counter.incrementEventTakeAttemptCount();
    if (taken.size() >= capacity) {
      throw new ChannelException(
          channelName
              + ": take transaction full at transactionCapacity "
              + capacity
              + "; the sink's batchSize must be at most transactionCapacity");
    }
    while (taken.size() < capacity) {
      TakeQueues.Taken next = next();
      if (next == null) {
        return null;
      }
      taken.add(next);
      lastQueue = next.queue;
      if (next.record.event != null) {
        handedOut++;
        return next.record.event;
      }
      // dropped by an interceptor: acknowledged with this transaction
    }
    return null;
  }

  /**
   * The next record of the current run, or of a new run of at most what the transaction may still
   * take.
   */
  private TakeQueues.Taken next() throws InterruptedException {
    if (ahead == run.size()) {
      run.clear();
      ahead = 0;
      if (queues.take(this, lastQueue, Math.min(RUN, capacity - taken.size()), takeWaitMillis, run)
          == 0) {
        return null;
      }
    }
    return run.get(ahead++);
  }

  /** Gives the records of the current run that were not handed out back to their partitions. */
  private void giveBackRun() {
    if (ahead < run.size()) {
      queues.giveBack(this, run.subList(ahead, run.size()));
    }
    run.clear();
    ahead = 0;
  }

  @Override
  protected void doCommit() throws InterruptedException {
    giveBackRun();
    if (!puts.isEmpty()) {
      producer.sendAll(puts);
      counter.addToEventPutSuccessCount(puts.size());
      puts.clear();
    }
    if (!taken.isEmpty()) {
      queues.commit(this, taken);
      counter.addToEventTakeSuccessCount(handedOut);
      taken.clear();
      handedOut = 0;
      lastQueue = null;
    }
  }

  @Override
  protected void doRollback() {
    // the run's records follow the taken ones in their partitions: back first, so the taken go
    // before them
    giveBackRun();
    if (!taken.isEmpty()) {
      queues.rollback(this, taken);
      taken.clear();
      handedOut = 0;
      lastQueue = null;
    }
    puts.clear();
  }
}
