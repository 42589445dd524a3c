package io.accesslog.flume.source;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.Envelopes;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The stock KafkaSource / KafkaChannel behaviours users rely on: {@code header.NAME}, {@code
 * kafka.topics.regex}, the topic header, the {@code timestamp} default, and the Avro envelope (the
 * channel's side: {@code direct.StockChannelParityTest}).
 */
class StockParityTest {

  private static final byte[] HOST = "web1".getBytes(StandardCharsets.UTF_8);

  private static ConsumerRecord<byte[], byte[]> record(
      long offset, long timestamp, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        ScriptedConsumer.TOPIC,
        0,
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        0L,
        4,
        value.length,
        HOST,
        value,
        headers);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void process_headerMapping_copiesLastValueOfEachMappedKafkaHeader() {
    SourceHarness h =
        SourceHarness.withMemoryChannel(
            10, Map.of("header.traceId", "trace-id", "header.zone", "dc"));
    h.consumer.assignNow(tp(0));
    RecordHeaders kafka = new RecordHeaders();
    kafka.add(new RecordHeader("trace-id", bytes("old")));
    kafka.add(new RecordHeader("trace-id", bytes("t-\u00e9-42")));
    kafka.add(new RecordHeader("dc", null)); // null value: skipped, not "null"
    kafka.add(new RecordHeader("unmapped", bytes("x")));
    h.consumer.addRecord(record(0, 1_600_000_000_000L, bytes("GET /"), kafka));

    h.process();

    Map<String, String> headers = h.takeEvents(1).get(0).getHeaders();
    assertEquals("t-\u00e9-42", headers.get("traceId"));
    assertFalse(headers.containsKey("zone"));
    assertFalse(headers.containsKey("unmapped"));
    assertFalse(headers.containsKey("trace-id"));
    h.stop();
  }

  @Test
  void process_defaults_setTimestampAndTopicHeadersLikeStock() {
    SourceHarness h = SourceHarness.withMemoryChannel(10, Map.of());
    h.consumer.assignNow(tp(0));
    h.consumer.addRecord(record(0, 1_600_000_000_123L, bytes("GET /"), new RecordHeaders()));

    h.process();

    Map<String, String> headers = h.takeEvents(1).get(0).getHeaders();
    assertEquals("1600000000123", headers.get("timestamp"));
    assertEquals(ScriptedConsumer.TOPIC, headers.get("topic"));
    assertEquals("web1", headers.get("key"));
    h.stop();
  }

  @Test
  void process_topicHeaderRenamedOrOff_followsSetting() {
    SourceHarness renamed = SourceHarness.withMemoryChannel(10, Map.of("topicHeader", "src"));
    renamed.consumer.assignNow(tp(0));
    renamed.consumer.addRecord(record(0, 1L, bytes("a"), new RecordHeaders()));
    renamed.process();
    Map<String, String> headers = renamed.takeEvents(1).get(0).getHeaders();
    assertEquals(ScriptedConsumer.TOPIC, headers.get("src"));
    assertFalse(headers.containsKey("topic"));
    renamed.stop();

    SourceHarness off =
        SourceHarness.withMemoryChannel(
            10, Map.of("setTopicHeader", "false", "timestampHeader", "false"));
    off.consumer.assignNow(tp(0));
    off.consumer.addRecord(record(0, 1L, bytes("a"), new RecordHeaders()));
    off.process();
    headers = off.takeEvents(1).get(0).getHeaders();
    assertFalse(headers.containsKey("topic"));
    assertFalse(headers.containsKey("timestamp"));
    assertEquals("1", headers.get("kafkaTimestamp"));
    off.stop();
  }

  @Test
  void process_envelopeAndMappedHeaders_winOverTimestampAndTopicButNotOffset() throws IOException {
    SourceHarness h =
        SourceHarness.withMemoryChannel(
            10, Map.of("useFlumeEventFormat", "true", "header.topic", "origin-topic"));
    h.consumer.assignNow(tp(0));
    RecordHeaders kafka = new RecordHeaders();
    kafka.add(new RecordHeader("origin-topic", bytes("upstream")));
    h.consumer.addRecord(
        record(
            0,
            1_600_000_000_999L,
            Envelopes.of("GET /a", Map.of("timestamp", "1500000000000", "offset", "spoofed")),
            kafka));

    h.process();

    Map<String, String> headers = h.takeEvents(1).get(0).getHeaders();
    assertEquals("1500000000000", headers.get("timestamp")); // the envelope's, as stock
    assertEquals("upstream", headers.get("topic")); // mapped wins over the topic header
    assertEquals("0", headers.get("offset")); // the record's own
    assertEquals("1600000000999", headers.get("kafkaTimestamp"));
    h.stop();
  }

  @Test
  void start_topicsRegex_subscribesWithThePattern() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("kafka.topics", null);
    overrides.put("kafka.topics.regex", "web.*");
    SourceHarness h = SourceHarness.withMemoryChannel(10, overrides);

    assertEquals("web.*", h.consumer.subscribedPattern().pattern());
    h.consumer.assignNow(tp(0));
    h.consumer.addLines(tp(0), 0, "web1", "GET /");
    h.process();
    assertEquals(List.of("GET /"), h.take(10));
    h.stop();
  }

  @Test
  void fromContext_headerMappingOntoRecordHeader_failsNamingIt() {
    Map<String, String> config = SourceHarness.baseConfig(Map.of("header.offset", "x"));
    String message =
        assertThrows(
                ConfigurationException.class, () -> SourceSettings.fromContext(new Context(config)))
            .getMessage();
    assertTrue(
        message.contains("header.offset") && message.contains("another Flume header"), message);
  }
}
