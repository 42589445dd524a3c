package io.accesslog.flume.source;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.Envelopes;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class AvroEnvelopeModeTest {

  @Test
  void process_envelopeAndGarbage_decodesOneAndPassesOtherRawWithErrorHeader() throws IOException {
    SourceHarness h =
        SourceHarness.withMemoryChannel(
            10, Map.of("useFlumeEventFormat", "true", "batchSize", "10"));
    h.consumer.assignNow(tp(0));
    Map<String, String> headers = new HashMap<>();
    headers.put("origin", "edge-7");
    headers.put("offset", "spoofed");
    byte[] garbage = {0x01};
    h.consumer.addRecord(
        new ConsumerRecord<>(
            ScriptedConsumer.TOPIC,
            0,
            0L,
            "web1".getBytes(StandardCharsets.UTF_8),
            Envelopes.of("GET /a", headers)));
    h.consumer.addRecord(
        new ConsumerRecord<>(
            ScriptedConsumer.TOPIC, 0, 1L, "web1".getBytes(StandardCharsets.UTF_8), garbage));

    h.process();

    List<Event> events = h.takeEvents(10);
    assertEquals(2, events.size());
    Event decoded = events.get(0);
    assertEquals("GET /a", new String(decoded.getBody(), StandardCharsets.UTF_8));
    assertEquals("edge-7", decoded.getHeaders().get("origin"));
    assertEquals("0", decoded.getHeaders().get("offset")); // ours win over the envelope's
    assertFalse(decoded.getHeaders().containsKey("decodeError"));
    Event raw = events.get(1);
    assertArrayEquals(garbage, raw.getBody());
    assertTrue(raw.getHeaders().containsKey("decodeError"));
    assertEquals("web1", raw.getHeaders().get("key"));
    assertEquals(1, h.source.counter().getKafkaDecodeErrorCount());
    assertEquals(java.util.Map.of(tp(0), 2L), h.consumer.lastCommitted());
    h.stop();
  }
}
