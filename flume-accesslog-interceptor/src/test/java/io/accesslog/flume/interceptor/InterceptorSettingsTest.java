package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterceptorSettingsTest {
  @Test
  void parse_defaultsWithSampleFormat_work() {
    InterceptorSettings s = TestSupport.settings();
    assertEquals("accesslog", s.name);
    assertEquals("_error", s.errorType);
    assertEquals(7 * 86_400_000L, s.maxAgeMillis);
    assertEquals(3_600_000L, s.maxSkewMillis);
    assertEquals(65_536, s.lineMaxBytes);
    assertEquals(false, s.dropOnError);
  }

  @Test
  void parse_pureDefaults_failOnMissingHostVariable_withHint() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> InterceptorSettings.parse(new Context()));
    assertTrue(e.getMessage().contains("app.from"), e.getMessage());
    assertTrue(e.getMessage().contains("field:host"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "format|xml",
        "nginx.logFormat|$a$b",
        "time.field|nope",
        "time.format|rfc1123",
        "time.format|pattern:yyyy",
        "time.zone|Mars/Base",
        "time.maxAge|7w",
        "time.maxAge|0d",
        "time.maxAge|7",
        "time.maxSkew|-1h",
        "app.from|file:/etc/passwd",
        "app.from|static:../x",
        "app.from|static:UPPER",
        "host.from|header:",
        "type.from|map:status",
        "line.maxBytes|lots",
        "line.maxBytes|1",
        "value.maxLength|0",
        "error.type|..",
        "error.type|err/or",
        "error.unknownValue|''",
        "onError|ignore",
        "name|a b",
        "time.maxage|1d"
      })
  void parse_badValue_throwsNamingKeyAndValue(String key, String value) {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TestSupport.settings(key, value));
    assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(value) || value.isEmpty(), e.getMessage());
  }

  @Test
  void parse_unknownKey_namesTheNearestKnownOne() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TestSupport.settings("time.maxage", "1d"));
    assertTrue(e.getMessage().contains("did you mean 'time.maxAge'?"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> TestSupport.settings("colour", "red"));
    assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
  }

  @Test
  void parse_regexWithoutPattern_namesRegexKey() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> TestSupport.settings("format", "regex"));
    assertTrue(e.getMessage().contains("'regex'"), e.getMessage());
  }

  @Test
  void parse_jsonWithAutoTimeFormat_asksForExplicitFormat() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> TestSupport.settings("format", "json", "time.field", "ts"));
    assertTrue(e.getMessage().contains("time.format"), e.getMessage());
  }

  @Test
  void parse_unsafeMapValue_namesTheMapKey() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> TestSupport.settings("app.from", "map:host", "app.map.a.example", "Sh op"));
    assertTrue(e.getMessage().contains("app.map.a.example"), e.getMessage());
  }

  /** Like Caffeine's spec fuzzer: any input either parses or throws our exception. */
  @Test
  void parse_randomContexts_succeedOrThrowConfigurationException() {
    Random rnd = new Random(3);
    String[] keys = {
      "format",
      "nginx.logFormat",
      "regex",
      "time.field",
      "time.format",
      "time.zone",
      "time.maxAge",
      "time.maxSkew",
      "app.from",
      "host.from",
      "type.from",
      "app.map.x",
      "app.mapDefault",
      "line.maxBytes",
      "value.maxLength",
      "error.type",
      "onError",
      "name",
      "bogus"
    };
    String[] values = {
      "",
      "nginx",
      "json",
      "regex",
      "combined",
      "$host [$time_local]",
      "(?<a>x",
      "(?<host>\\S+) (?<t>\\d+)",
      "time_local",
      "host",
      "t",
      "auto",
      "epoch_ms",
      "pattern:yyyy",
      "UTC",
      "+08:00",
      "7d",
      "1h",
      "-1",
      "99999999999999999999d",
      "field:host",
      "header:key",
      "static:x",
      "map:host",
      "map:",
      "static:",
      "drop",
      "_error",
      "\u0000",
      "${",
      "'unterminated",
      "log_format x '$host';",
      "65536",
      "2147483648"
    };
    int ok = 0;
    for (int i = 0; i < 5_000; i++) {
      Map<String, String> m = new HashMap<>();
      int n = rnd.nextInt(6);
      for (int k = 0; k < n; k++) {
        m.put(keys[rnd.nextInt(keys.length)], values[rnd.nextInt(values.length)]);
      }
      try {
        InterceptorSettings.parse(new Context(m));
        ok++;
      } catch (ConfigurationException expected) {
        assertTrue(expected.getMessage().startsWith("accesslog interceptor:"));
      }
    }
    assertTrue(ok >= 0);
  }
}
