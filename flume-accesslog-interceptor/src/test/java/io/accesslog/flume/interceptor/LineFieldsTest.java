package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineFieldsTest {
  private static Map<String, String> nginx() {
    Map<String, String> keys = new HashMap<>();
    keys.put("nginx.logFormat", TestSupport.SAMPLE_FORMAT);
    return keys;
  }

  @Test
  void defaults_matchTheInterceptorsConfigKeys() {
    assertEquals(ConfigKeys.FORMAT.defaultValue(), LineFields.DEFAULT_FORMAT);
    assertEquals(ConfigKeys.NGINX_LOG_FORMAT.defaultValue(), LineFields.DEFAULT_LOG_FORMAT);
    assertEquals(ConfigKeys.TIME_FIELD.defaultValue(), LineFields.DEFAULT_TIME_FIELD);
    assertEquals(ConfigKeys.TIME_FORMAT.defaultValue(), LineFields.DEFAULT_TIME_FORMAT);
    assertEquals(ConfigKeys.TIME_ZONE.defaultValue(), LineFields.DEFAULT_TIME_ZONE);
    for (String key : LineFields.KEYS) {
      assertTrue(ConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(key)), key);
    }
  }

  @Test
  void extractor_nginxLine_givesFieldsNumbersAndTime() {
    LineFields f = LineFields.fromKeys(nginx());
    LineFields.Extractor x = f.extractor(Arrays.asList("status", "request_time", "remote_addr"));
    byte[] line = bytes(TestSupport.SAMPLE_LINE);
    LineFields.Parsed p = x.parse(line, line.length);
    assertEquals(200.0, p.number(0));
    assertEquals(0.012, p.number(1), 1e-12);
    assertTrue(p.equalsBytes(2, bytes("10.1.2.3")));
    assertEquals("10.1.2.3", p.string(2));
    assertEquals(java.time.Instant.parse("2026-11-22T13:55:36Z").toEpochMilli(), p.timeMillis());
  }

  @Test
  void extractor_lineOfAnotherFormat_isNull() {
    LineFields.Extractor x =
        LineFields.fromKeys(nginx()).extractor(Collections.singletonList("status"));
    byte[] line = bytes("garbage");
    assertNull(x.parse(line, line.length));
  }

  @Test
  void extractor_unknownField_namesTheFormatsFields() {
    LineFields f = LineFields.fromKeys(nginx());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> f.extractor(Collections.singletonList("stauts")));
    assertTrue(
        e.getMessage().contains("stauts") && e.getMessage().contains("request_time"),
        e.getMessage());
  }

  @Test
  void fromKeys_json_anyFieldAndExplicitTimeFormat() {
    Map<String, String> keys = new HashMap<>();
    keys.put("format", "json");
    keys.put("time.field", "ts");
    assertThrows(IllegalArgumentException.class, () -> LineFields.fromKeys(keys));
    keys.put("time.format", "epoch_ms");
    LineFields f = LineFields.fromKeys(keys);
    LineFields.Parsed p =
        f.extractor(Collections.singletonList("status"))
            .parse(bytes("{\"ts\":1760075736123,\"status\":503}"), 33);
    assertEquals(503.0, p.number(0));
    assertEquals(1760075736123L, p.timeMillis());
  }

  @Test
  void numbers_parse_formsAndNaN() {
    assertEquals(12.5, LineFields.Numbers.parse(bytes("12.5"), 0, 4));
    assertEquals(-3.0, LineFields.Numbers.parse(bytes("-3"), 0, 2));
    assertEquals(1500.0, LineFields.Numbers.parse(bytes("1.5e3"), 0, 5));
    assertTrue(Double.isNaN(LineFields.Numbers.parse(bytes("-"), 0, 1)));
    assertTrue(Double.isNaN(LineFields.Numbers.parse(bytes("0.1, 0.2"), 0, 8)));
    assertFalse(Double.isNaN(LineFields.Numbers.parse(bytes("7"), 0, 1)));
  }

  @Test
  void extractor_nginx_splitsOnlyUpToTheLastWantedField() {
    LineFields f = LineFields.fromKeys(nginx());
    // Broken after $status: the user agent lost its quotes.
    byte[] line =
        bytes(
            TestSupport.SAMPLE_LINE.replace("\"Mozilla/5.0 (X11; Linux x86_64)\"", "Mozilla/5.0"));
    LineFields.Parsed p = f.extractor(Collections.singletonList("status")).parse(line, line.length);
    assertEquals(200.0, p.number(0));
    assertNull(f.extractor(Collections.singletonList("request_id")).parse(line, line.length));
  }
}
