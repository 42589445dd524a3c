package io.accesslog.flume.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Records polled from Kafka and not yet committed to the channel, in poll order (so in offset order
 * per partition). A batch is a prefix of the buffer; it leaves the buffer only once the channel
 * committed it, so a refused batch is retried as is and nothing polled is lost or reordered. Not
 * thread-safe: used by the consumer thread only.
 */
final class RecordBuffer {

  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> records = new ArrayDeque<>();

  void add(ConsumerRecord<byte[], byte[]> record) {
    records.addLast(record);
  }

  /** Up to {@code max} records from the head, without removing them. */
  List<ConsumerRecord<byte[], byte[]>> peek(int max) {
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(Math.min(max, records.size()));
    Iterator<ConsumerRecord<byte[], byte[]>> it = records.iterator();
    while (batch.size() < max && it.hasNext()) {
      batch.add(it.next());
    }
    return batch;
  }

  /** Removes the first {@code count} records, which the channel has committed. */
  void removeFirst(int count) {
    if (count > records.size()) {
      throw new IllegalStateException("remove " + count + " of " + records.size());
    }
    for (int i = 0; i < count; i++) {
      records.pollFirst();
    }
  }

  /** Drops every record of the given partitions; returns how many were dropped. */
  int drop(Collection<TopicPartition> partitions) {
    int dropped = 0;
    Iterator<ConsumerRecord<byte[], byte[]>> it = records.iterator();
    while (it.hasNext()) {
      ConsumerRecord<byte[], byte[]> record = it.next();
      if (partitions.contains(new TopicPartition(record.topic(), record.partition()))) {
        it.remove();
        dropped++;
      }
    }
    return dropped;
  }

  /** Offset of the oldest buffered record per partition. */
  Map<TopicPartition, Long> firstOffsets() {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
    }
    return first;
  }

  int size() {
    return records.size();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }
}
