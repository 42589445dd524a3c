package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.config.SinkKeys;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {
  private static final long T =
      ZonedDateTime.of(2026, 11, 22, 13, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

  private static HourBucket utcHour(long millis) {
    return new HourBuckets(ZoneOffset.UTC).bucketFor(millis);
  }

  private static String render(String template, boolean directory, String... values) {
    HeaderSlots slots = new HeaderSlots();
    PathTemplate t = PathTemplate.compile("k", template, directory, 255, slots);
    StringBuilder b = new StringBuilder();
    t.render(b, values, utcHour(T + 1234));
    return b.toString();
  }

  @Test
  void render_defaultDirectoryTemplate_hourLayout() {
    assertEquals(
        "access/shop/20261122/13",
        render(SinkKeys.HDFS_PATH.defaultValue(), true, "access", "shop"));
  }

  @Test
  void render_allEscapes_renderHourBucket() {
    assertEquals(
        "2026-26-11-22-13-00-00-326-" + (T / 1000) + "-%",
        render("%Y-%y-%m-%d-%H-%M-%S-%j-%s-%%", false));
  }

  @Test
  void compile_repeatedHeader_sharesOneSlot() {
    HeaderSlots slots = new HeaderSlots();
    PathTemplate.compile("k", "%{a}/%{b}/%{a}", true, 255, slots);
    PathTemplate.compile("k2", "%{b}.%{c}", false, 255, slots);
    assertArrayEquals(new String[] {"a", "b", "c"}, slots.names());
  }

  @Test
  void compile_hivePartitionLiterals_allowed() {
    assertEquals("dt=20261122/hr=13", render("dt=%Y%m%d/hr=%H", true));
  }

  @Test
  void compile_emptyDirectoryTemplate_rendersNothing() {
    assertEquals("", render("", true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%{type}/%Q",
        "%{type}/%",
        "%{type",
        "%{}",
        "%{a b}",
        "/%{type}",
        "%{type}/",
        "%{type}//%H",
        "%{type}/../%H",
        "%{type}/./%H",
        "..",
        ".%{type}",
        "_tmp/%{type}",
        "a b/%H",
        "a\\b",
        "a:b",
        "%{type}/x\u0000",
      })
  void compile_badDirectoryTemplate_configurationErrorNamesKeyAndTemplate(String template) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> PathTemplate.compile("hdfs.path", template, true, 255, new HeaderSlots()));
    assertTrue(e.getMessage().contains("'hdfs.path'"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + template + "'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", "_%{host}", ".%{host}", "%{host}.%X"})
  void compile_badFileNameTemplate_configurationError(String template) {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> PathTemplate.compile("hdfs.fileName", template, false, 173, new HeaderSlots()));
    assertTrue(e.getMessage().contains("'hdfs.fileName'"), e.getMessage());
  }

  @Test
  void compile_unknownEscape_messageListsSupportedEscapes() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> PathTemplate.compile("hdfs.path", "%{a}/%q", true, 255, new HeaderSlots()));
    assertTrue(e.getMessage().contains("'%q'"), e.getMessage());
    assertTrue(e.getMessage().contains("%Y"), e.getMessage());
  }

  @Test
  void compile_componentCouldExceedLimit_configurationError() {
    // Four headers in one component can render to 4 * 64 = 256 characters.
    assertThrows(
        ConfigurationException.class,
        () -> PathTemplate.compile("k", "%{a}%{b}%{c}%{d}", true, 255, new HeaderSlots()));
    PathTemplate.compile("k", "%{a}/%{b}/%{c}/%{d}", true, 255, new HeaderSlots());
  }
}
