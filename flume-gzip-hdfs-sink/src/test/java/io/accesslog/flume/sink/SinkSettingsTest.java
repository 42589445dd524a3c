package io.accesslog.flume.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys read through SinkKeys reach the part they configure, with the declared default and range.
 */
class SinkSettingsTest {
  private static Map<String, String> base() {
    Map<String, String> p = new HashMap<>();
    p.put("hdfs.root", "/logs");
    p.put("sink.durability", "none");
    p.put("writer.id", "w1");
    return p;
  }

  @Test
  void routeCacheSize_absent_isTheDeclaredDefault() {
    SinkSettings s = SinkSettings.parse("k1", base());
    assertEquals(100_000, s.route.cacheSize());
    assertTrue(s.toString().contains("route.cacheSize=100000"), s.toString());
  }

  @Test
  void routeCacheSize_set_reachesTheRouter() {
    Map<String, String> p = base();
    p.put("route.cacheSize", "20_000");
    SinkSettings s = SinkSettings.parse("k1", p);
    assertEquals(20_000, s.route.cacheSize());
    assertTrue(s.toString().contains("route.cacheSize=20000"), s.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1000001", "lots"})
  void routeCacheSize_outOfRange_namesKeyValueAndRange(String value) {
    Map<String, String> p = base();
    p.put("route.cacheSize", value);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> SinkSettings.parse("k1", p));
    assertTrue(
        e.getMessage()
            .contains(
                "route.cacheSize = '"
                    + value
                    + "' is not valid; allowed: an integer from 1 "
                    + "to 1000000"),
        e.getMessage());
  }
}
