package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.PathRule;
import io.accesslog.flume.interceptor.TestSupport.FakeClock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flume.Event;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22: hostile app/host values used to land in {@code _}-prefixed directories (e.g. {@code
 * .dotfile} became {@code _dotfile}), which Hadoop, Hive and Spark skip, so good lines were
 * invisible downstream with no counter saying so. Now every value from data becomes a visible name,
 * the raw value is kept in {@code <header>.original}, and the rewrite is counted.
 */
class HiddenNamesTest {
  static final String[] HOSTILE = {
    "../../etc",
    ".dotfile",
    "/abs/path",
    "~root",
    "$(reboot)",
    ";rm -rf /",
    "%2e%2e",
    "_hidden",
    "..",
    ".",
    "_error",
    "__",
    "-rf",
    "a b",
    "caf\u00e9",
    "\u65e5\u672c",
    "x".repeat(200),
    ".HIDDEN",
    "%{host}",
    "\\\\server\\share"
  };

  private final FakeClock clock = new FakeClock(TestSupport.SAMPLE_MILLIS);

  private AccessLogInterceptor json(String... extra) {
    String[] kv = {
      "format",
      "json",
      "time.field",
      "ts",
      "time.format",
      "epoch_ms",
      "app.from",
      "field:app",
      "host.from",
      "header:key"
    };
    String[] all = new String[kv.length + extra.length];
    System.arraycopy(kv, 0, all, 0, kv.length);
    System.arraycopy(extra, 0, all, kv.length, extra.length);
    return new AccessLogInterceptor(TestSupport.settings(all), clock);
  }

  private static String line(String app) {
    return "{\"ts\":"
        + TestSupport.SAMPLE_MILLIS
        + ",\"app\":\""
        + app.replace("\\", "\\\\")
        + "\",\"msg\":\"hello\"}";
  }

  @Test
  void intercept_hostileAppAndHost_visibleNamesOriginalsAndCounts() {
    AccessLogInterceptor i = json();
    Set<String> apps = new HashSet<>();
    for (String v : HOSTILE) {
      Event e = i.intercept(TestSupport.event(line(v), "key", v));
      Map<String, String> h = e.getHeaders();
      assertNull(h.get("error"), v);
      assertEquals("access", h.get("type"));
      for (String header : new String[] {"app", "host"}) {
        String out = h.get(header);
        assertFalse(out.startsWith("_") || out.startsWith("."), header + " " + v + " -> " + out);
        assertTrue(out.matches("[a-z0-9][a-z0-9._-]*~[0-9a-f]{8}"), out);
        assertEquals(v, h.get(header + ".original"), header);
      }
      assertEquals(h.get("app"), h.get("host"), "field and header take one rule: " + v);
      assertTrue(apps.add(h.get("app")), "distinct: " + v);
    }
    assertEquals(HOSTILE.length, i.counters().getRewrittenApp());
    assertEquals(HOSTILE.length, i.counters().getRewrittenHost());
    assertEquals(0, i.counters().getRewrittenType());
    assertEquals(HOSTILE.length, i.counters().getEventsOk());
  }

  @Test
  void intercept_cleanAndUpperCaseValues_notRewrittenNoOriginal() {
    AccessLogInterceptor i = json();
    Event e = i.intercept(TestSupport.event(line("Shop.Example.COM"), "key", "WEB01"));
    assertEquals("shop.example.com", e.getHeaders().get("app"));
    assertEquals("web01", e.getHeaders().get("host"));
    assertNull(e.getHeaders().get("app.original"));
    assertNull(e.getHeaders().get("host.original"));
    assertEquals(0, i.counters().getRewrittenApp() + i.counters().getRewrittenHost());
  }

  @Test
  void intercept_rewrittenValueAgain_fixedPointNotCounted() {
    AccessLogInterceptor i = json();
    Event first = i.intercept(TestSupport.event(line(".dotfile"), "key", "h"));
    String app = first.getHeaders().get("app");
    Event again = i.intercept(TestSupport.event(line(app), "key", "h"));
    assertEquals(app, again.getHeaders().get("app"));
    assertNull(again.getHeaders().get("app.original"));
    assertEquals(1, i.counters().getRewrittenApp());
  }

  @Test
  void intercept_staleOriginalHeader_removed() {
    Event e =
        TestSupport.event(line("shop"), "key", "h", "app.original", "../x", "type.original", "y");
    Map<String, String> h = json().intercept(e).getHeaders();
    assertNull(h.get("app.original"));
    assertNull(h.get("type.original"));
  }

  @Test
  void intercept_errorEventWithHostileHost_errorTypeHiddenHostVisibleOriginalKept() {
    AccessLogInterceptor i = json();
    Event e =
        i.intercept(TestSupport.event("{\"ts\":\"garbage\",\"app\":\"_hidden\"}", "key", ".h"));
    Map<String, String> h = e.getHeaders();
    assertEquals("bad_time", h.get("error"));
    assertEquals("_error", h.get("type"), "the error bucket stays hidden on purpose");
    assertEquals("x.h~" + h.get("host").substring(4), h.get("host"));
    assertEquals(".h", h.get("host.original"));
    assertEquals("_hidden", h.get("app.original"));
    assertEquals(1, i.counters().getRewrittenHost());
  }

  @Test
  void intercept_typeFromField_rewrittenAndCounted() {
    AccessLogInterceptor i = json("type.from", "field:kind");
    Event e =
        i.intercept(
            TestSupport.event(
                "{\"ts\":" + TestSupport.SAMPLE_MILLIS + ",\"app\":\"a\",\"kind\":\"_error\"}",
                "key",
                "h"));
    assertTrue(e.getHeaders().get("type").startsWith("x_error~"), e.getHeaders().get("type"));
    assertNull(e.getHeaders().get("error"), "a data value _error is not the error bucket");
    assertEquals("_error", e.getHeaders().get("type.original"));
    assertEquals(1, i.counters().getRewrittenType());
    assertEquals(1, i.counters().get("rewritten.type"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"static:_hidden", "static:.x", "static:x~12345678"})
  void configure_hiddenOrMarkedStaticValue_rejectedNamingTheRule(String spec) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TestSupport.settings("app.from", spec));
    assertTrue(e.getMessage().contains("app.from"), e.getMessage());
    assertTrue(e.getMessage().contains("hides its lines"), e.getMessage());
  }

  @Test
  void configure_errorType_mayBeHiddenOrVisibleButNotOtherwiseUnsafe() {
    assertEquals("_error", TestSupport.settings().errorType);
    assertEquals("error", TestSupport.settings("error.type", "error").errorType);
    assertThrows(ConfigurationException.class, () -> TestSupport.settings("error.type", ".err"));
    assertThrows(ConfigurationException.class, () -> TestSupport.settings("error.type", "__err"));
  }

  @Test
  void configure_valueMaxLengthAboveTheSinksLimit_rejected() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class, () -> TestSupport.settings("value.maxLength", "100"));
    assertTrue(e.getMessage().contains("10 to 64"), e.getMessage());
  }

  /** Every row of the README's table of hostile inputs is what the code does. */
  @Test
  void readme_hostileInputTable_matchesTheRule() throws Exception {
    String text =
        new String(
            java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("README.md")),
            java.nio.charset.StandardCharsets.UTF_8);
    String section =
        text.substring(text.indexOf("## Sanitizing values"), text.indexOf("## Bad lines"));
    PathRule sanitizer = new PathRule(64, true);
    int rows = 0;
    for (String line : section.split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length >= 3 && cells[1].trim().startsWith("`") && cells[2].trim().startsWith("`")) {
        String in = cells[1].trim().substring(1, cells[1].trim().indexOf('`', 1));
        String out = cells[2].trim().substring(1, cells[2].trim().indexOf('`', 1));
        assertEquals(out, sanitizer.sanitize(in), "README row " + line);
        rows++;
      }
    }
    assertTrue(rows >= 12, "rows checked: " + rows);
  }

  @Test
  void counters_listedForFlumeMonitoring() {
    Map<String, String> seen = new HashMap<>();
    InterceptorCounters c = new InterceptorCounters("t");
    c.recordRewritten(0);
    c.recordRewritten(1);
    c.recordRewritten(1);
    seen.put("app", Long.toString(c.get("rewritten.app")));
    seen.put("host", Long.toString(c.get("rewritten.host")));
    assertEquals("1", seen.get("app"));
    assertEquals("2", seen.get("host"));
    assertEquals(2, c.getRewrittenHost());
  }
}
