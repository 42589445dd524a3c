package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.StockKeyTable;
import io.accesslog.flume.source.kafka.StockKeyTable.Samples;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * The README's KafkaSource migration table, row by row ({@link StockKeyTable}), and the source's
 * key check (the channel's: {@code direct.StockChannelKeysTest}).
 */
class StockKeysTest {

  private static final Samples<SourceSettings> SOURCE = new Samples<>();

  static {
    SOURCE.add(
        "kafka.bootstrap.servers",
        "kafka.bootstrap.servers",
        "b1:9092",
        s -> assertEquals("b1:9092", s.consumer().properties().getProperty("bootstrap.servers")));
    SOURCE.add(
        "kafka.topics", "kafka.topics", "a, b", s -> assertEquals(List.of("a", "b"), s.topics()));
    SOURCE.add(
        "kafka.topics.regex",
        "kafka.topics.regex",
        "web-.*",
        s -> assertEquals("web-.*", s.topicPattern().pattern()));
    SOURCE.add(
        "kafka.consumer.group.id",
        "kafka.consumer.group.id",
        "g7",
        s -> assertEquals("g7", s.consumer().groupId()));
    SOURCE.add("batchSize", "batchSize", "77", s -> assertEquals(77, s.batchSize()));
    SOURCE.add(
        "batchDurationMillis",
        "batchDurationMillis",
        "250",
        s -> assertEquals(250, s.batchDurationMillis()));
    SOURCE.add(
        "backoffSleepIncrement",
        "backoffSleepIncrement",
        "300",
        s -> assertEquals(300, s.idleBackoffIncrementMillis()));
    SOURCE.add(
        "maxBackoffSleep",
        "maxBackoffSleep",
        "3000",
        s -> assertEquals(3000, s.idleBackoffMaxMillis()));
    SOURCE.add(
        "useFlumeEventFormat",
        "useFlumeEventFormat",
        "true",
        s -> assertTrue(s.flumeEventFormat()));
    SOURCE.add(
        "setTopicHeader", "setTopicHeader", "false", s -> assertEquals(null, s.topicHeader()));
    SOURCE.add("topicHeader", "topicHeader", "src", s -> assertEquals("src", s.topicHeader()));
    SOURCE.add(
        "header.NAME",
        "header.trace",
        "trace-id",
        s -> assertEquals("{trace-id -> trace}", s.headerMapping().toString()));
    SOURCE.add(
        "kafka.consumer.auto.offset.reset",
        "kafka.consumer.auto.offset.reset",
        "latest",
        s -> assertEquals("latest", s.consumer().properties().getProperty("auto.offset.reset")));
    SOURCE.add(
        "kafka.consumer.enable.auto.commit",
        "kafka.consumer.enable.auto.commit",
        "false",
        s -> assertEquals("false", s.consumer().properties().getProperty("enable.auto.commit")));
    SOURCE.add(
        "kafka.consumer.ssl.disableTLSHostnameVerification",
        "kafka.consumer.ssl.disableTLSHostnameVerification",
        "true",
        s -> {});
    SOURCE.add(
        "kafka.consumer.*",
        "kafka.consumer.sasl.mechanism",
        "SCRAM-SHA-512",
        s ->
            assertEquals("SCRAM-SHA-512", s.consumer().properties().getProperty("sasl.mechanism")));
    SOURCE.refused("kafka.consumer.key.deserializer");
    SOURCE.refused("kafka.consumer.value.deserializer");
    SOURCE.refused("migrateZookeeperOffsets");
    SOURCE.refused("zookeeperConnect");
    SOURCE.refused("topic");
    SOURCE.refused("groupId");
    SOURCE.add("channels", "channels", "c1", s -> {});
    SOURCE.add("selector.type", "selector.type", "replicating", s -> {});
    SOURCE.add("interceptors", "interceptors", "i1", s -> {});
  }

  @Test
  void readmeKafkaSourceRows_eachHonouredOrRejectedWithItsMessage() throws IOException {
    StockKeyTable.check(
        "### KafkaSource keys",
        SOURCE,
        SourceHarness.baseConfig(Map.of()),
        SourceSettings::fromContext);
  }

  @Test
  void unknownKeys_failNamingKeyAndNearestKnownKey() {
    String[][] typos = {
      {"kafka.topic", "kafka.topics"},
      {"batchsize", "batchSize"},
      {"kafka.bootstrap.server", "kafka.bootstrap.servers"},
      {"kafka.consmer.group.id", "kafka.consumer.group.id"},
      {"timestampheader", "timestampHeader"},
      {"useFlumeEventFromat", "useFlumeEventFormat"},
      {"kafka.topics.regexp", "kafka.topics.regex"},
    };
    StockKeyTable.assertTyposSuggest(typos, SourceHarness::baseConfig, SourceSettings::fromContext);
  }

  @Test
  void knownKeys_flumeAndPassThroughKeys_accepted() {
    Map<String, String> config =
        SourceHarness.baseConfig(
            Map.of(
                "type",
                "io.accesslog.flume.source.AccessLogKafkaSource",
                "channels",
                "c1 c2",
                "selector.type",
                "multiplexing",
                "selector.header",
                "app",
                "selector.mapping.a",
                "c1",
                "interceptors",
                "i1",
                "interceptors.i1.type",
                "timestamp",
                "kafka.consumer.sasl.jaas.config",
                "x required;",
                "header.trace",
                "trace-id"));
    assertEquals(2, SourceSettings.fromContext(new Context(config)).batchSize());
  }

  @Test
  void topics_bothOrNeither_failNamingBothKeys() {
    Map<String, String> both = SourceHarness.baseConfig(Map.of("kafka.topics.regex", "w.*"));
    String message =
        assertThrows(
                ConfigurationException.class, () -> SourceSettings.fromContext(new Context(both)))
            .getMessage();
    assertTrue(
        message.contains("kafka.topics")
            && message.contains("kafka.topics.regex")
            && message.contains("both set"),
        message);
    Map<String, String> neither = SourceHarness.baseConfig(new HashMap<>());
    neither.remove("kafka.topics");
    message =
        assertThrows(
                ConfigurationException.class,
                () -> SourceSettings.fromContext(new Context(neither)))
            .getMessage();
    assertTrue(message.contains("both unset"), message);
    Map<String, String> bad = SourceHarness.baseConfig(new HashMap<>());
    bad.remove("kafka.topics");
    bad.put("kafka.topics.regex", "web[");
    message =
        assertThrows(
                ConfigurationException.class, () -> SourceSettings.fromContext(new Context(bad)))
            .getMessage();
    assertTrue(message.contains("kafka.topics.regex") && message.contains("web["), message);
  }

  @Test
  void ssl_disableHostnameVerification_setsEmptyAlgorithmAndIsNotPassedOn() {
    Map<String, String> config =
        SourceHarness.baseConfig(
            Map.of(
                "kafka.consumer.security.protocol", "SSL",
                "kafka.consumer.ssl.disableTLSHostnameVerification", "true"));
    java.util.Properties props =
        SourceSettings.fromContext(new Context(config)).consumer().properties();
    assertEquals("", props.getProperty("ssl.endpoint.identification.algorithm"));
    assertFalse(props.containsKey("ssl.disableTLSHostnameVerification"));

    Map<String, String> plain =
        SourceHarness.baseConfig(
            Map.of("kafka.consumer.ssl.disableTLSHostnameVerification", "true"));
    props = SourceSettings.fromContext(new Context(plain)).consumer().properties();
    assertFalse(props.containsKey("ssl.endpoint.identification.algorithm"));

    Map<String, String> typo =
        SourceHarness.baseConfig(
            Map.of("kafka.consumer.ssl.disableTLSHostnameVerification", "yes"));
    String message =
        assertThrows(
                ConfigurationException.class, () -> SourceSettings.fromContext(new Context(typo)))
            .getMessage();
    assertTrue(
        message.contains("kafka.consumer.ssl.disableTLSHostnameVerification")
            && message.contains("true or false"),
        message);
  }

  @Test
  void distance_levenshtein() {
    assertEquals(0, io.accesslog.flume.core.KeyNames.distance("abc", "abc"));
    assertEquals(1, io.accesslog.flume.core.KeyNames.distance("abc", "abd"));
    assertEquals(1, io.accesslog.flume.core.KeyNames.distance("abc", "ab"));
    assertEquals(3, io.accesslog.flume.core.KeyNames.distance("", "abc"));
    assertEquals(3, io.accesslog.flume.core.KeyNames.distance("kitten", "sitting"));
  }
}
