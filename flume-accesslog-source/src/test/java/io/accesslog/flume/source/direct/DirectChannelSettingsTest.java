package io.accesslog.flume.source.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

class DirectChannelSettingsTest {

  private static DirectChannelSettings parse(Map<String, String> overrides) {
    return DirectChannelSettings.fromContext(new Context(DirectChannelHarness.config(overrides)));
  }

  private static String errorFor(String key, String value) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(key, value);
    return assertThrows(ConfigurationException.class, () -> parse(overrides)).getMessage();
  }

  @Test
  void defaults_documentedValues() {
    DirectChannelSettings settings = parse(Map.of());
    assertEquals(10_000, settings.transactionCapacity());
    assertEquals(20_000, settings.bufferMaxRecords());
    assertEquals(64L << 20, settings.bufferMaxBytes());
    assertEquals("key", settings.keyHeader());
    assertEquals("earliest", settings.consumer().properties().getProperty("auto.offset.reset"));
    assertEquals("false", settings.consumer().properties().getProperty("enable.auto.commit"));
    assertEquals("10000", settings.consumer().properties().getProperty("max.poll.records"));
    assertEquals("all", settings.producerProperties().getProperty("acks"));
  }

  @Test
  void producerAndConsumerProperties_passedThrough() {
    DirectChannelSettings settings =
        parse(
            Map.of(
                "kafka.consumer.security.protocol", "SASL_SSL",
                "kafka.producer.compression.type", "lz4"));
    assertEquals("SASL_SSL", settings.consumer().properties().getProperty("security.protocol"));
    assertEquals("lz4", settings.producerProperties().getProperty("compression.type"));
    assertEquals("localhost:9092", settings.producerProperties().getProperty("bootstrap.servers"));
  }

  @Test
  void badValues_failNamingKeyValueAndAllowed() {
    String message = errorFor("buffer.maxRecords", "lots");
    assertTrue(
        message.contains("buffer.maxRecords")
            && message.contains("lots")
            && message.contains("an integer from 1"),
        message);
    message = errorFor("kafka.topic", "a,b");
    assertTrue(message.contains("kafka.topic") && message.contains("one topic name"), message);
    message = errorFor("kafka.producer.acks", "some");
    assertTrue(
        message.contains("kafka.producer.acks") && message.contains("all, -1, 0 or 1"), message);
    message = errorFor("kafka.producer.value.serializer", "x.Y");
    assertTrue(message.contains("kafka.producer.value.serializer"), message);
  }

  @Test
  void bufferMaxBytes_sizeGrammar_bareNumberStillBytes() {
    assertEquals(67_108_864L, parse(Map.of("buffer.maxBytes", "67108864")).bufferMaxBytes());
    assertEquals(512L << 10, parse(Map.of("buffer.maxBytes", "512k")).bufferMaxBytes());
    assertEquals(64L << 20, parse(Map.of("buffer.maxBytes", "64MB")).bufferMaxBytes());
    assertEquals(1024L, parse(Map.of("buffer.maxBytes", "1024")).bufferMaxBytes());
    String message = errorFor("buffer.maxBytes", "1000");
    assertTrue(
        message.contains("buffer.maxBytes")
            && message.contains("'1000'")
            && message.contains("1KB to 16GB"),
        message);
    message = errorFor("buffer.maxBytes", "64 parsecs");
    assertTrue(message.contains("buffer.maxBytes") && message.contains("MB"), message);
  }

  @Test
  void interceptors_unknownType_failsNamingKey() {
    Map<String, String> config =
        DirectChannelHarness.config(
            Map.of("interceptors", "i1", "interceptors.i1.type", "no.such.Builder"));
    String message =
        assertThrows(
                ConfigurationException.class,
                () -> ChannelInterceptors.fromContext(new Context(config)))
            .getMessage();
    assertTrue(
        message.contains("interceptors.i1.type") && message.contains("no.such.Builder"), message);
    Map<String, String> missing = DirectChannelHarness.config(Map.of("interceptors", "i1"));
    message =
        assertThrows(
                ConfigurationException.class,
                () -> ChannelInterceptors.fromContext(new Context(missing)))
            .getMessage();
    assertTrue(message.contains("interceptors.i1.type"), message);
  }
}
