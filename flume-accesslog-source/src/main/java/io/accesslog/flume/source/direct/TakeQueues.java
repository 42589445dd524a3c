package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.OffsetCommitter;
import io.accesslog.flume.source.kafka.OffsetTracker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Event;
import org.apache.kafka.common.TopicPartition;

/**
 * The direct channel's shared state: records polled and not yet taken, per partition, which take
 * transaction holds each partition, and the {@link OffsetTracker}. The consumer thread adds
 * records, already converted to events and through the channel's interceptors ({@link
 * EventPreparer}), so a take is a hand-off; it also commits offsets. Sink threads take, commit and
 * roll back. Every method holds this object's monitor, and none does IO.
 *
 * <p><b>Partition leases.</b> A take transaction that takes a record of a partition holds that
 * partition until it commits or rolls back; no other transaction takes from it meanwhile. So the
 * records of one partition are handed out in offset order, one transaction at a time, and a
 * rolled-back transaction's records go back to the head of their partition, in order, for the next
 * take. A transaction takes from the partitions it already holds first and claims a free one
 * (round-robin) only when those are empty, which spreads partitions over concurrent sinks.
 *
 * <p><b>Assignments.</b> Each assignment of a partition gets its own queue object. A revoke or a
 * loss closes it (no more takes, queued records dropped: the next owner reads them from the
 * committed offset) and then removes it; a transaction that commits records of a queue that is no
 * longer current does not move any offset, so an old assignment can never advance a new one.
 */
final class TakeQueues implements OffsetCommitter.Offsets {

  /** One assignment of one partition. */
  static final class PartitionQueue {
    final TopicPartition partition;
    final ArrayDeque<Taken> records = new ArrayDeque<>();

    /** The transaction holding records of this partition, or null. */
    Object lease;

    boolean closed;

    PartitionQueue(TopicPartition partition) {
      this.partition = partition;
    }
  }

  /**
   * One polled record, prepared: its offset, its event after the interceptors (null when an
   * interceptor dropped it: acknowledged with the transaction that takes it) and the bytes it
   * counts against {@code buffer.maxBytes}.
   */
  static final class Prepared {
    final long offset;
    final Event event;
    final int bytes;

    Prepared(long offset, Event event, int bytes) {
      this.offset = offset;
      this.event = event;
      this.bytes = bytes;
    }
  }

  /** A prepared record in the queue of the assignment it came from. */
  static final class Taken {
    final PartitionQueue queue;
    final Prepared record;

    Taken(PartitionQueue queue, Prepared record) {
      this.queue = queue;
      this.record = record;
    }
  }

  private final Map<TopicPartition, PartitionQueue> queues = new HashMap<>();

  /** The same queues in claiming order; {@link #cursor} rotates over it. */
  private final List<PartitionQueue> order = new ArrayList<>();

  private final OffsetTracker tracker = new OffsetTracker();
  private int cursor;
  private int queued;
  private long queuedBytes;
  private int inFlight;

  /** Set while the consumer thread waits in {@link #awaitRoom}: takes notify it at these levels. */
  private boolean roomWanted;

  private int roomRecords;
  private long roomBytes;

  /** Consumer thread: queues one partition's prepared records of a poll, in offset order. */
  synchronized void fetched(TopicPartition partition, List<Prepared> records) {
    PartitionQueue queue = queues.get(partition);
    if (queue == null) {
      queue = new PartitionQueue(partition);
      queues.put(partition, queue);
      order.add(queue);
    }
    for (Prepared record : records) {
      tracker.fetched(partition, record.offset);
      queue.records.addLast(new Taken(queue, record));
      queuedBytes += record.bytes;
    }
    queued += records.size();
    notifyAll();
  }

  /**
   * The next record for {@code owner}, or null if no partition it may take from has one.
   *
   * @param hint the queue of {@code owner}'s previous take, tried first (null for none): a
   *     transaction keeps taking from the partition it holds without a scan
   * @param waitMillis how long to wait for a record when none is there (the consumer thread
   *     notifies on every poll), so a sink that outruns the consumer fills its batch instead of
   *     backing off for a second
   */
  synchronized Taken take(Object owner, PartitionQueue hint, long waitMillis)
      throws InterruptedException {
    Taken taken = takeNow(owner, hint);
    if (taken != null || waitMillis <= 0) {
      return taken;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (taken == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
      taken = takeNow(owner, hint);
    }
    return taken;
  }

  private Taken takeNow(Object owner, PartitionQueue hint) {
    PartitionQueue chosen = null;
    if (hint != null && hint.lease == owner && !hint.records.isEmpty()) {
      chosen = hint;
    }
    for (int i = 0; chosen == null && i < order.size(); i++) {
      PartitionQueue queue = order.get(i);
      if (queue.lease == owner && !queue.records.isEmpty()) {
        chosen = queue;
      }
    }
    for (int i = 0; chosen == null && i < order.size(); i++) {
      PartitionQueue queue = order.get((cursor + i) % order.size());
      if (queue.lease == null && !queue.closed && !queue.records.isEmpty()) {
        chosen = queue;
        cursor = (cursor + i + 1) % order.size();
      }
    }
    if (chosen == null) {
      return null;
    }
    chosen.lease = owner;
    return takeFrom(chosen);
  }

  /**
   * Up to {@code max} records for {@code owner}, added to {@code out}: the first as {@link
   * #take(Object, PartitionQueue, long)} gives it, then the records that follow it in its
   * partition's queue. One monitor entry for a run of records (the sink thread no longer meets the
   * consumer thread on this lock once per event); the transaction hands them out one at a time and
   * gives back the ones it did not hand out ({@link #giveBack}) before it commits or rolls back.
   *
   * @return how many records were added (0: none arrived within {@code waitMillis})
   */
  synchronized int take(
      Object owner, PartitionQueue hint, int max, long waitMillis, List<Taken> out)
      throws InterruptedException {
    Taken first = take(owner, hint, waitMillis);
    if (first == null) {
      return 0;
    }
    out.add(first);
    int n = 1;
    while (n < max && !first.queue.records.isEmpty()) {
      out.add(takeFrom(first.queue));
      n++;
    }
    return n;
  }

  /**
   * {@code owner} took these records (a run of {@link #take(Object, PartitionQueue, int, long,
   * List)}, in order) and did not hand them out: they go back to the head of their partitions, in
   * order, and stay leased to {@code owner} until it commits or rolls back.
   */
  synchronized void giveBack(Object owner, List<Taken> notHandedOut) {
    requeue(notHandedOut);
    inFlight -= notHandedOut.size();
  }

  private Taken takeFrom(PartitionQueue chosen) {
    Taken taken = chosen.records.pollFirst();
    queued--;
    queuedBytes -= taken.record.bytes;
    inFlight++;
    if (roomWanted && queued <= roomRecords && queuedBytes <= roomBytes) {
      roomWanted = false;
      notifyAll();
    }
    return taken;
  }

  /**
   * Consumer thread, while fetching is paused for a full buffer: waits until at most {@code
   * records} records and {@code bytes} bytes are queued, or {@code timeoutMillis} passed, so
   * fetching resumes as soon as the sinks made room rather than after a whole poll timeout.
   */
  synchronized void awaitRoom(int records, long bytes, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (queued > records || queuedBytes > bytes) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      roomWanted = true;
      roomRecords = records;
      roomBytes = bytes;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    roomWanted = false;
  }

  /** The sink committed {@code owner}'s transaction: its records are delivered. */
  synchronized void commit(Object owner, List<Taken> taken) {
    for (Taken t : taken) {
      if (queues.get(t.queue.partition) == t.queue) {
        tracker.delivered(t.queue.partition, t.record.offset);
      }
    }
    release(owner, taken);
  }

  /** {@code owner} rolled back: its records go back to the head of their partitions, in order. */
  synchronized void rollback(Object owner, List<Taken> taken) {
    requeue(taken);
    release(owner, taken);
  }

  /** Puts records back at the head of their partitions, in order (dropped if revoked or lost). */
  private void requeue(List<Taken> taken) {
    for (int i = taken.size() - 1; i >= 0; i--) {
      Taken t = taken.get(i);
      if (queues.get(t.queue.partition) == t.queue && !t.queue.closed) {
        t.queue.records.addFirst(t);
        queued++;
        queuedBytes += t.record.bytes;
      }
    }
  }

  private void release(Object owner, List<Taken> taken) {
    for (Taken t : taken) {
      if (t.queue.lease == owner) {
        t.queue.lease = null;
      }
    }
    inFlight -= taken.size();
    notifyAll();
  }

  /**
   * Stops handing out records of these partitions and drops their queued records (the next owner
   * reads them from the committed offset); records already taken stay with their transaction.
   *
   * @return how many queued records were dropped
   */
  synchronized int close(Collection<TopicPartition> partitions) {
    int dropped = 0;
    for (TopicPartition partition : partitions) {
      PartitionQueue queue = queues.get(partition);
      if (queue != null) {
        queue.closed = true;
        dropped += queue.records.size();
        drop(queue);
      }
    }
    return dropped;
  }

  /**
   * Waits until no transaction holds records of these partitions.
   *
   * @return true if none does, false if {@code timeoutMillis} passed first
   */
  synchronized boolean awaitReleased(Collection<TopicPartition> partitions, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (leased(partitions)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  private boolean leased(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      PartitionQueue queue = queues.get(partition);
      if (queue != null && queue.lease != null) {
        return true;
      }
    }
    return false;
  }

  private void drop(PartitionQueue queue) {
    queued -= queue.records.size();
    for (Taken t : queue.records) {
      queuedBytes -= t.record.bytes;
    }
    queue.records.clear();
  }

  /** Removes the partitions (after a revoke's final commit, or when lost). */
  synchronized void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      PartitionQueue queue = queues.remove(partition);
      if (queue != null) {
        queue.closed = true;
        drop(queue);
        order.remove(queue);
      }
    }
    cursor = order.isEmpty() ? 0 : cursor % order.size();
    tracker.forget(partitions);
  }

  @Override
  public synchronized Map<TopicPartition, Long> toCommit() {
    return tracker.toCommit();
  }

  @Override
  public synchronized void committed(Map<TopicPartition, Long> offsets) {
    tracker.committed(offsets);
  }

  /** The oldest record not yet delivered, per partition that has one (for the lag). */
  synchronized Map<TopicPartition, Long> firstUndelivered() {
    return tracker.firstUndelivered();
  }

  /** Records polled and not yet taken. */
  synchronized int queued() {
    return queued;
  }

  /** Bytes (bodies and keys) of the records polled and not yet taken. */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** Records taken by transactions that have not committed or rolled back yet. */
  synchronized int inFlight() {
    return inFlight;
  }
}
