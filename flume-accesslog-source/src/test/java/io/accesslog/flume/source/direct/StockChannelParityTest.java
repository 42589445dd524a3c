package io.accesslog.flume.source.direct;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.AvroEnvelopeDecoder;
import io.accesslog.flume.source.kafka.Envelopes;
import io.accesslog.flume.source.kafka.ScriptedConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.event.SimpleEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Stock KafkaChannel's {@code parseAsFlumeEvent}, in both directions, on the direct channel. */
class StockChannelParityTest {

  private static final byte[] HOST = "web1".getBytes(StandardCharsets.UTF_8);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void take_parseAsFlumeEvent_usesEnvelopeBodyAndHeadersAndCountsGarbage() throws IOException {
    DirectChannelHarness h = new DirectChannelHarness(Map.of("parseAsFlumeEvent", "true"));
    h.consumer.assignNow(tp(0));
    h.consumer.addRecord(
        new ConsumerRecord<>(
            ScriptedConsumer.TOPIC,
            0,
            0L,
            HOST,
            Envelopes.of("GET /a", Map.of("file", "/var/log/nginx/access.log", "timestamp", "7"))));
    h.consumer.addRecord(
        new ConsumerRecord<>(ScriptedConsumer.TOPIC, 0, 1L, HOST, new byte[] {0x01}));
    h.step();

    Transaction tx = h.begin();
    List<Event> events = h.take(10);
    tx.commit();
    tx.close();

    assertEquals(2, events.size());
    assertEquals("GET /a", new String(events.get(0).getBody(), StandardCharsets.UTF_8));
    assertEquals("/var/log/nginx/access.log", events.get(0).getHeaders().get("file"));
    assertEquals("7", events.get(0).getHeaders().get("timestamp"));
    assertEquals("web1", events.get(0).getHeaders().get("key"));
    assertNull(events.get(0).getHeaders().get("decodeError"));
    assertTrue(events.get(1).getHeaders().containsKey("decodeError"));
    assertEquals(1, h.channel.counter().getKafkaDecodeErrorCount());
    h.stop();
  }

  @Test
  void put_parseAsFlumeEvent_writesEnvelopeThatTakeReadsBack() throws IOException {
    DirectChannelHarness h = new DirectChannelHarness(Map.of("parseAsFlumeEvent", "true"));
    SimpleEvent event = new SimpleEvent();
    event.setBody(bytes("GET /put"));
    event.setHeaders(new HashMap<>(Map.of("key", "web9", "file", "a.log")));
    Transaction tx = h.begin();
    h.channel.put(event);
    tx.commit();
    tx.close();

    ProducerRecord<byte[], byte[]> sent = h.producer.history().get(0);
    assertEquals("web9", new String(sent.key(), StandardCharsets.UTF_8));
    AvroEnvelopeDecoder.Envelope decoded;
    try {
      decoded = new AvroEnvelopeDecoder().decode(sent.value());
    } catch (AvroEnvelopeDecoder.DecodeException e) {
      throw new AssertionError(e);
    }
    assertEquals("GET /put", new String(decoded.body, StandardCharsets.UTF_8));
    assertEquals("a.log", decoded.headers.get("file"));
    h.stop();
  }

  @Test
  void put_rawDefault_writesBodyOnly() {
    DirectChannelHarness h = new DirectChannelHarness(Map.of());
    SimpleEvent event = new SimpleEvent();
    event.setBody(bytes("GET /raw"));
    event.setHeaders(new HashMap<>(Map.of("key", "web9", "file", "a.log")));
    Transaction tx = h.begin();
    h.channel.put(event);
    tx.commit();
    tx.close();

    assertEquals(
        "GET /raw", new String(h.producer.history().get(0).value(), StandardCharsets.UTF_8));
    h.stop();
  }
}
