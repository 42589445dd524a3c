package io.accesslog.flume.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicTransactionSemantics;
import org.apache.flume.interceptor.Interceptor;

/**
 * One transaction of the direct channel, used by one thread (Flume keeps it thread-local).
 *
 * <ul>
 *   <li>take: the next record from {@link TakeQueues} (holding its partition for this
 *       transaction), converted to an event with the source's headers and run through the
 *       channel's interceptors; null when nothing is waiting (it does not block).
 *   <li>put: kept until commit.
 *   <li>commit: the puts are produced and acknowledged by Kafka; the taken records become
 *       delivered, and the consumer thread commits their offsets (contiguous prefix per
 *       partition) on its next step. Nothing is acknowledged to Kafka before this.
 *   <li>rollback: the taken records go back to the head of their partitions, so the next take
 *       rewinds to the first uncommitted record; the puts are dropped.
 * </ul>
 */
final class DirectTransaction extends BasicTransactionSemantics {

  private final String channelName;
  private final int capacity;
  private final TakeQueues queues;
  private final RecordEventConverter converter;
  private final Interceptor interceptors;
  private final EventProducer producer;
  private final DirectChannelCounter counter;
  private final List<TakeQueues.Taken> taken = new ArrayList<>();
  private final List<Event> puts = new ArrayList<>();
  private int handedOut;

  DirectTransaction(String channelName, int capacity, TakeQueues queues,
      RecordEventConverter converter, Interceptor interceptors, EventProducer producer,
      DirectChannelCounter counter) {
    this.channelName = channelName;
    this.capacity = capacity;
    this.queues = queues;
    this.converter = converter;
    this.interceptors = interceptors;
    this.producer = producer;
    this.counter = counter;
  }

  @Override
  protected void doPut(Event event) {
    counter.incrementEventPutAttemptCount();
    if (puts.size() >= capacity) {
      throw new ChannelException(channelName + ": put transaction full at transactionCapacity "
          + capacity + "; commit more often or raise transactionCapacity");
    }
    puts.add(event);
  }

  @Override
  protected Event doTake() {
    counter.incrementEventTakeAttemptCount();
    if (taken.size() >= capacity) {
      throw new ChannelException(channelName + ": take transaction full at transactionCapacity "
          + capacity + "; the sink's batchSize must be at most transactionCapacity");
    }
    while (taken.size() < capacity) {
      TakeQueues.Taken next = queues.take(this);
      if (next == null) {
        return null;
      }
      taken.add(next);
      Event event = interceptors.intercept(converter.toEvent(next.record));
      if (event != null) {
        handedOut++;
        return event;
      }
      // dropped by an interceptor: acknowledged with this transaction
    }
    return null;
  }

  @Override
  protected void doCommit() throws InterruptedException {
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
    }
  }

  @Override
  protected void doRollback() {
    if (!taken.isEmpty()) {
      queues.rollback(this, taken);
      taken.clear();
      handedOut = 0;
    }
    puts.clear();
  }
}
