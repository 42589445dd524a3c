package io.accesslog.flume.source;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.accesslog.flume.source.kafka.LagSummary;
import io.accesslog.flume.source.kafka.RecordEventConverter;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** RecordBuffer, RecordEventConverter and LagSummary. */
class SmallPartsTest {

  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, String key, String value) {
    return new ConsumerRecord<>(
        ScriptedConsumer.TOPIC,
        partition,
        offset,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void peek_thenRemoveFirst_keepsRestInOrder() {
    RecordBuffer buffer = new RecordBuffer();
    buffer.add(record(0, 0, "h", "a"));
    buffer.add(record(1, 0, "h", "b"));
    buffer.add(record(0, 1, "h", "c"));

    assertEquals(2, buffer.peek(2).size());
    assertEquals(3, buffer.size());
    buffer.removeFirst(2);

    assertEquals(1, buffer.size());
    assertEquals(1, buffer.peek(5).get(0).offset());
  }

  @Test
  void drop_revokedPartition_removesOnlyItsRecords() {
    RecordBuffer buffer = new RecordBuffer();
    buffer.add(record(0, 0, "h", "a"));
    buffer.add(record(1, 7, "h", "b"));
    buffer.add(record(0, 1, "h", "c"));

    assertEquals(2, buffer.drop(List.of(tp(0))));
    assertEquals(Map.of(tp(1), 7L), buffer.firstOffsets());
  }

  @Test
  void toEvent_nullValueAndKey_emptyBodyNoKeyHeader() {
    Event event = new RecordEventConverter(false, false).toEvent(record(3, 42, null, null));

    assertArrayEquals(new byte[0], event.getBody());
    assertFalse(event.getHeaders().containsKey("key"));
    assertEquals("3", event.getHeaders().get("partition"));
    assertEquals("42", event.getHeaders().get("offset"));
  }

  @Test
  void toEvent_timestampHeaderOff_noTimestampHeader() { // timestampHeader = false
    Event event = new RecordEventConverter(false, false).toEvent(record(0, 0, "web1", "GET /"));

    assertEquals("web1", event.getHeaders().get("key"));
    assertFalse(event.getHeaders().containsKey("timestamp"));
    assertEquals("GET /", new String(event.getBody(), StandardCharsets.UTF_8));
  }

  @Test
  void of_endAndConsumedOffsets_sumsAndMaxesSortedText() {
    LagSummary lag =
        LagSummary.of(
            Map.of(tp(0), 10L, tp(1), 100L, tp(2), 5L), Map.of(tp(0), 4L, tp(1), 40L, tp(2), 9L));

    assertEquals(66, lag.total());
    assertEquals(60, lag.max());
    assertEquals("weblogs-0=6,weblogs-1=60,weblogs-2=0", lag.byPartition());
  }
}
