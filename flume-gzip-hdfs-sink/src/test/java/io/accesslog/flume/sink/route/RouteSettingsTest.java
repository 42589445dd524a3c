package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.config.SinkKeys;
import java.time.ZoneId;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteSettingsTest {

  private static RouteSettings.Builder valid() {
    return RouteSettings.builder().root("/logs").writerId("w1");
  }

  @Test
  void build_onlyRootAndWriter_defaults() {
    RouteSettings s = valid().build();
    assertEquals("/logs", s.root());
    assertEquals(SinkKeys.HDFS_PATH.defaultValue(), s.path());
    assertEquals(SinkKeys.HDFS_FILE_NAME.defaultValue(), s.fileName());
    assertEquals(ZoneId.of("UTC"), s.timeZone());
    assertEquals("unknown", s.missingValue());
    assertEquals(100_000, s.cacheSize());
  }

  @ParameterizedTest
  @CsvSource({
    "/logs/, /logs",
    "/, /",
    "hdfs://nn:8020/logs, hdfs://nn:8020/logs",
    "hdfs://nn:8020/logs/, hdfs://nn:8020/logs",
    "hdfs://nameservice1/data/dt=x, hdfs://nameservice1/data/dt=x",
    "file:///tmp/logs, file:///tmp/logs",
  })
  void build_validRoot_normalized(String root, String expected) {
    assertEquals(expected, valid().root(root).build().root());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "logs",
        "/logs//x",
        "/logs/../etc",
        "/logs/./x",
        "/logs/.hidden",
        "/logs/_tmp",
        "/my logs",
        "hdfs://nn:8020",
        "hdfs://nn:8020/logs?x=1",
        "hdfs://nn:8020/a/../b",
        "hdfs://nn:8020/a%20b",
      })
  void build_badRoot_errorNamesKeyAndValue(String root) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().root(root).build());
    assertTrue(e.getMessage().contains("'hdfs.root'"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + root + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("allowed"), e.getMessage());
  }

  @Test
  void build_missingRoot_errorSaysRequired() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> RouteSettings.builder().writerId("w").build());
    assertTrue(e.getMessage().contains("required"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus", "", "+25:00"})
  void build_badTimeZone_errorNamesKey(String zone) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().timeZone(zone).build());
    assertTrue(e.getMessage().contains("'hdfs.timeZone'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", ".x", "_x", "-", "../x"})
  void build_badMissingValue_errorNamesKey(String value) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().missingValue(value).build());
    assertTrue(e.getMessage().contains("'route.missingValue'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", ".w", "a.w-b", "x y"})
  void build_badWriterId_errorNamesKey(String id) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().writerId(id).build());
    assertTrue(e.getMessage().contains("'writer.id'"), e.getMessage());
  }

  @Test
  void build_noWriterId_defaultFromSanitizedHostAndSink() {
    RouteSettings s =
        RouteSettings.builder()
            .root("/logs")
            .sinkName("sink 1")
            .localHostName("agent7.example.com")
            .build();
    assertEquals("agent7.example.com-sink_1", s.writerId());
  }

  @Test
  void build_noWriterIdNoSinkName_errorNamesKey() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> RouteSettings.builder().root("/l").build());
    assertTrue(e.getMessage().contains("'writer.id'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 10_000_001})
  void build_badCacheSize_errorNamesKey(int size) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().cacheSize(size).build());
    assertTrue(e.getMessage().contains("'route.cacheSize'"), e.getMessage());
  }

  @Test
  void build_badPathTemplate_errorNamesPathKey() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().path("%{type}/../x").build());
    assertTrue(e.getMessage().contains("'hdfs.path'"), e.getMessage());
  }

  @Test
  void build_fileNameTooLongForDecoration_errorNamesFileNameKey() {
    // Three headers (192) leave no room for ".w-<writer>.<seq>.gz" within 255.
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> valid().fileName("%{a}%{b}%{c}").build());
    assertTrue(e.getMessage().contains("'hdfs.fileName'"), e.getMessage());
  }
}
