package io.accesslog.flume.source.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.source.kafka.StockKeyTable;
import io.accesslog.flume.source.kafka.StockKeyTable.Samples;
import java.io.IOException;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

/**
 * The README's KafkaChannel migration table ({@link StockKeyTable}) and the channel's key check.
 */
class StockChannelKeysTest {

  private static final Samples<DirectChannelSettings> CHANNEL = new Samples<>();

  static {
    CHANNEL.add(
        "kafka.bootstrap.servers",
        "kafka.bootstrap.servers",
        "b1:9092",
        s -> assertEquals("b1:9092", s.producerProperties().getProperty("bootstrap.servers")));
    CHANNEL.add("kafka.topic", "kafka.topic", "t9", s -> assertEquals("t9", s.topic()));
    CHANNEL.add(
        "kafka.consumer.group.id",
        "kafka.consumer.group.id",
        "g7",
        s -> assertEquals("g7", s.consumer().groupId()));
    CHANNEL.add(
        "parseAsFlumeEvent", "parseAsFlumeEvent", "true", s -> assertTrue(s.parseAsFlumeEvent()));
    CHANNEL.add(
        "kafka.consumer.auto.offset.reset",
        "kafka.consumer.auto.offset.reset",
        "latest",
        s -> assertEquals("latest", s.consumer().properties().getProperty("auto.offset.reset")));
    CHANNEL.add(
        "kafka.consumer.*",
        "kafka.consumer.security.protocol",
        "SASL_PLAINTEXT",
        s ->
            assertEquals(
                "SASL_PLAINTEXT", s.consumer().properties().getProperty("security.protocol")));
    CHANNEL.add(
        "kafka.producer.acks",
        "kafka.producer.acks",
        "1",
        s -> assertEquals("1", s.producerProperties().getProperty("acks")));
    CHANNEL.add(
        "kafka.producer.*",
        "kafka.producer.linger.ms",
        "5",
        s -> assertEquals("5", s.producerProperties().getProperty("linger.ms")));
    CHANNEL.refused("kafka.producer.key.serializer");
    CHANNEL.refused("kafka.producer.value.serializer");
    CHANNEL.refused("kafka.pollTimeout");
    CHANNEL.refused("partitionIdHeader");
    CHANNEL.refused("defaultPartitionId");
    CHANNEL.refused("migrateZookeeperOffsets");
    CHANNEL.refused("zookeeperConnect");
    CHANNEL.refused("brokerList");
    CHANNEL.refused("topic");
    CHANNEL.refused("groupId");
    CHANNEL.refused("readSmallestOffset");
  }

  @Test
  void readmeKafkaChannelRows_eachHonouredOrRejectedWithItsMessage() throws IOException {
    StockKeyTable.check(
        "### KafkaChannel keys",
        CHANNEL,
        DirectChannelHarness.config(Map.of()),
        DirectChannelSettings::fromContext);
  }

  @Test
  void unknownKeys_failNamingKeyAndNearestKnownKey() {
    String[][] channelTypos = {
      {"kafka.topics", "kafka.topic"},
      {"parseAsFlumeEvents", "parseAsFlumeEvent"},
      {"transactioncapacity", "transactionCapacity"},
      {"kafka.prodcer.acks", "kafka.producer.acks"},
    };
    StockKeyTable.assertTyposSuggest(
        channelTypos, DirectChannelHarness::config, DirectChannelSettings::fromContext);
  }

  @Test
  void knownKeys_flumeAndPassThroughKeys_accepted() {
    Map<String, String> channel =
        DirectChannelHarness.config(
            Map.of(
                "type",
                "io.accesslog.flume.source.direct.KafkaDirectChannel",
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
}
