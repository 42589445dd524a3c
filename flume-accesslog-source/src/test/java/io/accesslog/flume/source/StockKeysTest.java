package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Every row of the README's "Migrating from stock Flume" tables for KafkaSource and KafkaChannel,
 * checked against the real settings classes: a key marked {@code same} is accepted and honoured,
 * one marked {@code renamed}, {@code not needed} or {@code not supported} fails configure() with a
 * message naming it (and, when renamed, its new name). A row without a sample value here fails the
 * test, so the table and this test cannot drift apart.
 */
class StockKeysTest {

  /** One sample setting for a table row: the key and value to set, and what must then hold. */
  private static final class Sample<S> {
    final String key;
    final String value;
    final Consumer<S> honoured;

    Sample(String key, String value, Consumer<S> honoured) {
      this.key = key;
      this.value = value;
      this.honoured = honoured;
    }
  }

  private static final Map<String, Sample<SourceSettings>> SOURCE = new HashMap<>();
  private static final Map<String, Sample<DirectChannelSettings>> CHANNEL = new HashMap<>();

  private static void source(
      String row, String key, String value, Consumer<SourceSettings> honoured) {
    SOURCE.put(row, new Sample<>(key, value, honoured));
  }

  private static void channel(
      String row, String key, String value, Consumer<DirectChannelSettings> honoured) {
    CHANNEL.put(row, new Sample<>(key, value, honoured));
  }

  private static void refusedSource(String key) {
    source(key, key, "x", s -> {});
  }

  private static void refusedChannel(String key) {
    channel(key, key, "x", s -> {});
  }

  static {
    source(
        "kafka.bootstrap.servers",
        "kafka.bootstrap.servers",
        "b1:9092",
        s -> assertEquals("b1:9092", s.consumerProperties().getProperty("bootstrap.servers")));
    source(
        "kafka.topics", "kafka.topics", "a, b", s -> assertEquals(List.of("a", "b"), s.topics()));
    source(
        "kafka.topics.regex",
        "kafka.topics.regex",
        "web-.*",
        s -> assertEquals("web-.*", s.topicPattern().pattern()));
    source(
        "kafka.consumer.group.id",
        "kafka.consumer.group.id",
        "g7",
        s -> assertEquals("g7", s.consumerProperties().getProperty("group.id")));
    source("batchSize", "batchSize", "77", s -> assertEquals(77, s.batchSize()));
    source(
        "batchDurationMillis",
        "batchDurationMillis",
        "250",
        s -> assertEquals(250, s.batchDurationMillis()));
    source(
        "backoffSleepIncrement",
        "backoffSleepIncrement",
        "300",
        s -> assertEquals(300, s.idleBackoffIncrementMillis()));
    source(
        "maxBackoffSleep",
        "maxBackoffSleep",
        "3000",
        s -> assertEquals(3000, s.idleBackoffMaxMillis()));
    source(
        "useFlumeEventFormat",
        "useFlumeEventFormat",
        "true",
        s -> assertTrue(s.flumeEventFormat()));
    source("setTopicHeader", "setTopicHeader", "false", s -> assertEquals(null, s.topicHeader()));
    source("topicHeader", "topicHeader", "src", s -> assertEquals("src", s.topicHeader()));
    source(
        "header.NAME",
        "header.trace",
        "trace-id",
        s -> assertEquals("{trace-id -> trace}", s.headerMapping().toString()));
    source(
        "kafka.consumer.auto.offset.reset",
        "kafka.consumer.auto.offset.reset",
        "latest",
        s -> assertEquals("latest", s.consumerProperties().getProperty("auto.offset.reset")));
    source(
        "kafka.consumer.enable.auto.commit",
        "kafka.consumer.enable.auto.commit",
        "false",
        s -> assertEquals("false", s.consumerProperties().getProperty("enable.auto.commit")));
    source(
        "kafka.consumer.ssl.disableTLSHostnameVerification",
        "kafka.consumer.ssl.disableTLSHostnameVerification",
        "true",
        s -> {});
    source(
        "kafka.consumer.*",
        "kafka.consumer.sasl.mechanism",
        "SCRAM-SHA-512",
        s -> assertEquals("SCRAM-SHA-512", s.consumerProperties().getProperty("sasl.mechanism")));
    refusedSource("kafka.consumer.key.deserializer");
    refusedSource("kafka.consumer.value.deserializer");
    refusedSource("migrateZookeeperOffsets");
    refusedSource("zookeeperConnect");
    refusedSource("topic");
    refusedSource("groupId");
    source("channels", "channels", "c1", s -> {});
    source("selector.type", "selector.type", "replicating", s -> {});
    source("interceptors", "interceptors", "i1", s -> {});

    channel(
        "kafka.bootstrap.servers",
        "kafka.bootstrap.servers",
        "b1:9092",
        s -> assertEquals("b1:9092", s.producerProperties().getProperty("bootstrap.servers")));
    channel("kafka.topic", "kafka.topic", "t9", s -> assertEquals("t9", s.topic()));
    channel(
        "kafka.consumer.group.id",
        "kafka.consumer.group.id",
        "g7",
        s -> assertEquals("g7", s.consumerProperties().getProperty("group.id")));
    channel(
        "parseAsFlumeEvent", "parseAsFlumeEvent", "true", s -> assertTrue(s.parseAsFlumeEvent()));
    channel(
        "kafka.consumer.auto.offset.reset",
        "kafka.consumer.auto.offset.reset",
        "latest",
        s -> assertEquals("latest", s.consumerProperties().getProperty("auto.offset.reset")));
    channel(
        "kafka.consumer.*",
        "kafka.consumer.security.protocol",
        "SASL_PLAINTEXT",
        s ->
            assertEquals(
                "SASL_PLAINTEXT", s.consumerProperties().getProperty("security.protocol")));
    channel(
        "kafka.producer.acks",
        "kafka.producer.acks",
        "1",
        s -> assertEquals("1", s.producerProperties().getProperty("acks")));
    channel(
        "kafka.producer.*",
        "kafka.producer.linger.ms",
        "5",
        s -> assertEquals("5", s.producerProperties().getProperty("linger.ms")));
    refusedChannel("kafka.producer.key.serializer");
    refusedChannel("kafka.producer.value.serializer");
    refusedChannel("kafka.pollTimeout");
    refusedChannel("partitionIdHeader");
    refusedChannel("defaultPartitionId");
    refusedChannel("migrateZookeeperOffsets");
    refusedChannel("zookeeperConnect");
    refusedChannel("brokerList");
    refusedChannel("topic");
    refusedChannel("groupId");
    refusedChannel("readSmallestOffset");
  }

  /** A row of a migration table: the stock key(s), our key, the status. */
  private static final class Row {
    final List<String> stockKeys = new ArrayList<>();
    String ours;
    String status;
  }

  private static List<Row> table(String heading) throws IOException {
    String readme =
        new String(Files.readAllBytes(Paths.get("../README.md")), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "README.md has no heading " + heading);
    List<Row> rows = new ArrayList<>();
    String[] lines = readme.substring(start + heading.length() + 2).split("\n");
    for (String line : lines) {
      if (line.startsWith("#")) {
        break;
      }
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      Row row = new Row();
      for (String part : cells[1].split(",")) {
        row.stockKeys.add(part.trim().replace("`", ""));
      }
      row.ours = cells[2].trim().replace("`", "");
      row.status = cells[3].trim();
      rows.add(row);
    }
    assertFalse(rows.isEmpty(), heading);
    return rows;
  }

  private static <S> void check(
      List<Row> rows,
      Map<String, Sample<S>> samples,
      Map<String, String> base,
      Function<Context, S> parse) {
    for (Row row : rows) {
      for (String stockKey : row.stockKeys) {
        Sample<S> sample = samples.get(stockKey);
        assertNotNull(sample, "no sample value for README row " + stockKey);
        Map<String, String> config = new HashMap<>(base);
        if (sample.key.equals("kafka.topics.regex")) {
          config.remove("kafka.topics");
        }
        config.put(sample.key, sample.value);
        Context context = new Context(config);
        switch (row.status) {
          case "same":
            sample.honoured.accept(parse.apply(context));
            break;
          case "renamed":
          case "not needed":
          case "not supported":
            String message =
                assertThrows(ConfigurationException.class, () -> parse.apply(context), stockKey)
                    .getMessage();
            assertTrue(message.contains(stockKey), message);
            if (row.status.equals("renamed")) {
              assertTrue(message.contains("renamed: use " + row.ours), message);
            } else {
              assertTrue(message.contains(row.status) || message.contains("remove it"), message);
            }
            break;
          default:
            throw new AssertionError(
                "README row " + stockKey + ": unknown status '" + row.status + "'");
        }
      }
    }
  }

  @Test
  void readmeKafkaSourceRows_eachHonouredOrRejectedWithItsMessage() throws IOException {
    check(
        table("### KafkaSource keys"),
        SOURCE,
        SourceHarness.baseConfig(Map.of()),
        SourceSettings::fromContext);
  }

  @Test
  void readmeKafkaChannelRows_eachHonouredOrRejectedWithItsMessage() throws IOException {
    check(
        table("### KafkaChannel keys"),
        CHANNEL,
        DirectChannelHarness.config(Map.of()),
        DirectChannelSettings::fromContext);
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
    for (String[] typo : typos) {
      Map<String, String> config = SourceHarness.baseConfig(Map.of(typo[0], "1"));
      String message =
          assertThrows(
                  ConfigurationException.class,
                  () -> SourceSettings.fromContext(new Context(config)),
                  typo[0])
              .getMessage();
      assertTrue(
          message.contains("unknown key '" + typo[0] + "'")
              && message.contains("did you mean '" + typo[1] + "'"),
          message);
    }
    String[][] channelTypos = {
      {"kafka.topics", "kafka.topic"},
      {"parseAsFlumeEvents", "parseAsFlumeEvent"},
      {"transactioncapacity", "transactionCapacity"},
      {"kafka.prodcer.acks", "kafka.producer.acks"},
    };
    for (String[] typo : channelTypos) {
      Map<String, String> config = DirectChannelHarness.config(Map.of(typo[0], "1"));
      String message =
          assertThrows(
                  ConfigurationException.class,
                  () -> DirectChannelSettings.fromContext(new Context(config)),
                  typo[0])
              .getMessage();
      assertTrue(
          message.contains("unknown key '" + typo[0] + "'")
              && message.contains("did you mean '" + typo[1] + "'"),
          message);
    }
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
    Map<String, String> channel =
        DirectChannelHarness.config(
            Map.of(
                "type",
                "io.accesslog.flume.source.KafkaDirectChannel",
                "interceptors",
                "i1",
                "interceptors.i1.type",
                "timestamp",
                "kafka.producer.compression.type",
                "lz4",
                "kafka.consumer.client.id",
                "c"));
    assertEquals(
        "lz4",
        DirectChannelSettings.fromContext(new Context(channel))
            .producerProperties()
            .getProperty("compression.type"));
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
        SourceSettings.fromContext(new Context(config)).consumerProperties();
    assertEquals("", props.getProperty("ssl.endpoint.identification.algorithm"));
    assertFalse(props.containsKey("ssl.disableTLSHostnameVerification"));

    Map<String, String> plain =
        SourceHarness.baseConfig(
            Map.of("kafka.consumer.ssl.disableTLSHostnameVerification", "true"));
    props = SourceSettings.fromContext(new Context(plain)).consumerProperties();
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
