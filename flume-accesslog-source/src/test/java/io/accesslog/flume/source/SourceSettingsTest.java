package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.ConfigKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {

  private static SourceSettings parse(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", "k1:9092,k2:9092");
    config.put("kafka.topics", "weblogs");
    config.put("kafka.consumer.group.id", "flume-weblogs");
    config.putAll(overrides);
    config.values().removeIf(v -> v == null);
    return SourceSettings.fromContext(new Context(config));
  }

  private static String errorFor(String key, String value) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(key, value);
    return assertThrows(ConfigurationException.class, () -> parse(overrides)).getMessage();
  }

  @Test
  void fromContext_minimalConfig_appliesDocumentedDefaults() {
    SourceSettings settings = parse(Map.of());
    Properties props = settings.consumer().properties();

    assertEquals(List.of("weblogs"), settings.topics());
    assertEquals(1000, settings.batchSize());
    assertEquals(1000, settings.batchDurationMillis());
    assertEquals(100, settings.retryBackoff().initialMillis());
    assertEquals(5000, settings.retryBackoff().maxMillis());
    assertTrue(settings.consumer().timestampHeader()); // as stock KafkaSource
    assertEquals("topic", settings.topicHeader());
    assertTrue(settings.headerMapping().isEmpty());
    assertNull(settings.topicPattern());
    assertEquals("earliest", props.getProperty("auto.offset.reset"));
    assertEquals("false", props.getProperty("enable.auto.commit"));
    assertEquals(
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
        props.getProperty("partition.assignment.strategy"));
    assertEquals("1000", props.getProperty("max.poll.records"));
    assertEquals("k1:9092,k2:9092", props.getProperty("bootstrap.servers"));
    assertEquals("flume-weblogs", props.getProperty("group.id"));
    assertEquals(
        "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        props.getProperty("value.deserializer"));
  }

  @Test
  void fromContext_securityProperties_arePassedThrough() {
    Properties props =
        parse(
                Map.of(
                    "kafka.consumer.security.protocol", "SASL_SSL",
                    "kafka.consumer.sasl.mechanism", "SCRAM-SHA-512",
                    "kafka.consumer.ssl.truststore.location", "/etc/kafka/truststore.jks",
                    "batchSize", "250"))
            .consumer()
            .properties();

    assertEquals("SASL_SSL", props.getProperty("security.protocol"));
    assertEquals("SCRAM-SHA-512", props.getProperty("sasl.mechanism"));
    assertEquals("/etc/kafka/truststore.jks", props.getProperty("ssl.truststore.location"));
    assertEquals("250", props.getProperty("max.poll.records"));
  }

  @Test
  void fromContext_missingBootstrapServers_namesKey() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("kafka.bootstrap.servers", null);
    String message =
        assertThrows(ConfigurationException.class, () -> parse(overrides)).getMessage();
    assertTrue(message.contains("kafka.bootstrap.servers"), message);
  }

  @Test
  void fromContext_missingGroupId_namesKey() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("kafka.consumer.group.id", null);
    String message =
        assertThrows(ConfigurationException.class, () -> parse(overrides)).getMessage();
    assertTrue(message.contains("kafka.consumer.group.id"), message);
  }

  @Test
  void fromContext_autoCommitTrue_rejectedNamingKeyAndValue() {
    String message = errorFor("kafka.consumer.enable.auto.commit", "true");
    assertTrue(message.contains("kafka.consumer.enable.auto.commit"), message);
    assertTrue(message.contains("'true'"), message);
    assertTrue(message.contains("must be false"), message);
  }

  @Test
  void fromContext_autoCommitFalse_accepted() {
    assertEquals(
        "false",
        parse(Map.of("kafka.consumer.enable.auto.commit", "false"))
            .consumer()
            .properties()
            .getProperty("enable.auto.commit"));
  }

  @Test
  void fromContext_nonNumericBatchSize_namesKeyValueAndRange() {
    String message = errorFor("batchSize", "lots");
    assertEquals("batchSize value was set to 'lots', must be an integer from 1 to 100000", message);
  }

  @Test
  void fromContext_badOffsetReset_namesAllowedValues() {
    String message = errorFor("kafka.consumer.auto.offset.reset", "smallest");
    assertTrue(message.contains("kafka.consumer.auto.offset.reset"), message);
    assertTrue(message.contains("earliest, latest or none"), message);
  }

  @Test
  void fromContext_valueDeserializerSet_rejected() {
    String message = errorFor("kafka.consumer.value.deserializer", "x.StringDeserializer");
    assertTrue(message.startsWith("kafka.consumer.value.deserializer"), message);
  }

  @Test
  void fromContext_backoffMaxBelowInitial_namesBothKeys() {
    String message =
        assertThrows(
                ConfigurationException.class,
                () -> parse(Map.of("backoff.initialMillis", "500", "backoff.maxMillis", "200")))
            .getMessage();
    assertTrue(
        message.contains("backoff.maxMillis") && message.contains("backoff.initialMillis"),
        message);
  }

  @Test
  void fromContext_waitLongerThanHalfMaxPollInterval_namesBothKeys() {
    String message =
        assertThrows(
                ConfigurationException.class,
                () ->
                    parse(
                        Map.of(
                            "kafka.consumer.max.poll.interval.ms",
                            "6000",
                            "maxBackoffSleep",
                            "5000")))
            .getMessage();
    assertTrue(
        message.contains("maxBackoffSleep")
            && message.contains("kafka.consumer.max.poll.interval.ms"),
        message);
  }

  @Test
  void fromContext_booleanTypo_rejectedInsteadOfFalse() {
    String message = errorFor("timestampHeader", "ture");
    assertTrue(message.contains("timestampHeader") && message.contains("'ture'"), message);
  }

  @Test
  void fromContext_badTopicName_namesKey() {
    String message = errorFor("kafka.topics", "weblogs,,other");
    assertTrue(message.contains("kafka.topics"), message);
  }

  @Test
  void fromContext_lagIntervalTooSmall_rejected() {
    String message = errorFor("lag.refreshIntervalMillis", "10");
    assertTrue(message.contains("lag.refreshIntervalMillis"), message);
  }

  /** Any value for any key either parses or fails with our exception, never anything else. */
  @Test
  void fromContext_randomValues_onlyConfigurationExceptions() {
    Random random = new Random(42);
    String[] values = {
      "",
      " ",
      "-1",
      "0",
      "1",
      "99999999999999999999",
      "true",
      "FALSE",
      "abc",
      "1.5",
      "earliest",
      "none",
      "a,b",
      ",",
      "2147483648",
      "1000"
    };
    for (int i = 0; i < 2000; i++) {
      Map<String, String> overrides = new HashMap<>();
      for (int k = 0; k < 3; k++) {
        ConfigKey<?> key = SourceSettings.KEYS.get(random.nextInt(SourceSettings.KEYS.size()));
        overrides.put(key.name(), values[random.nextInt(values.length)]);
      }
      try {
        parse(overrides);
      } catch (ConfigurationException expected) {
        assertFalse(expected.getMessage().isEmpty());
      }
    }
  }

  @Test
  void configure_badValue_failsAtConfigureNamingKey() {
    AccessLogKafkaSource source =
        new AccessLogKafkaSource(
            props -> {
              throw new AssertionError("no consumer at configure");
            },
            Clock.SYSTEM);
    source.setName("bad");
    Map<String, String> config = SourceHarness.baseConfig(Map.of("batchDurationMillis", "-5"));
    String message =
        assertThrows(ConfigurationException.class, () -> source.configure(new Context(config)))
            .getMessage();
    assertTrue(message.contains("batchDurationMillis") && message.contains("'-5'"), message);
  }
}
