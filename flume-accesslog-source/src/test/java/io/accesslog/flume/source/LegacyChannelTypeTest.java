package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.channel.DefaultChannelFactory;
import org.apache.flume.conf.Configurables;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Configurations written for 0.1 name the direct channel {@code
 * io.accesslog.flume.source.KafkaDirectChannel}: Flume must still create it by that name, as the
 * channel of the new package, configured by the same keys. (By name only, as a user's configuration
 * does; the class is deprecated.)
 */
class LegacyChannelTypeTest {

  private static final String OLD_TYPE = "io.accesslog.flume.source.KafkaDirectChannel";

  private static Map<String, String> config() {
    Map<String, String> config = new HashMap<>();
    config.put("type", OLD_TYPE);
    config.put("kafka.bootstrap.servers", "localhost:9092");
    config.put("kafka.topic", "weblogs");
    config.put("kafka.consumer.group.id", "test-group");
    config.put("buffer.maxBytes", "67108864");
    return config;
  }

  /** As Flume's configuration provider makes a channel: the factory, then the name. */
  private static Channel legacyChannel() throws Exception {
    Channel channel = new DefaultChannelFactory().create("ch", OLD_TYPE);
    channel.setName("ch");
    return channel;
  }

  @Test
  void oldType_createdByFlumeAndConfigured_isTheDirectChannel() throws Exception {
    Channel channel = legacyChannel();

    assertTrue(channel instanceof io.accesslog.flume.source.direct.KafkaDirectChannel);
    assertEquals(OLD_TYPE, channel.getClass().getName());
    assertTrue(channel.getClass().isAnnotationPresent(Deprecated.class));
    Configurables.configure(channel, new Context(config()));
  }

  @Test
  void oldType_badKey_failsLikeTheNewType() throws Exception {
    Channel channel = legacyChannel();
    Map<String, String> config = config();
    config.put("buffer.maxBytes", "lots");

    String message =
        assertThrows(
                ConfigurationException.class,
                () -> Configurables.configure(channel, new Context(config)))
            .getMessage();
    assertTrue(message.contains("buffer.maxBytes") && message.contains("lots"), message);
  }
}
