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
    assertEquals(12.5, Decimals.parse(bytes("12.5"), 0, 4));
    assertEquals(-3.0, Decimals.parse(bytes("-3"), 0, 2));
    assertEquals(1500.0, Decimals.parse(bytes("1.5e3"), 0, 5));
    assertTrue(Double.isNaN(Decimals.parse(bytes("-"), 0, 1)));
    assertTrue(Double.isNaN(Decimals.parse(bytes("0.1, 0.2"), 0, 8)));
    assertFalse(Double.isNaN(Decimals.parse(bytes("7"), 0, 1)));
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

  /**
   * In place, at an offset, one state reused line after line (the query tool's way): each line
   * gives what a fresh parse of its own copy gives, and a field one line has does not leak into the
   * next line that lacks it.
   */
  @Test
  void extractor_inPlaceWithReusedState_equalsAFreshParseOfEachLine() {
    Map<String, String> json = new HashMap<>();
    json.put("format", "json");
    json.put("time.field", "ts");
    json.put("time.format", "epoch_ms");
    Map<String, String> regex = new HashMap<>();
    regex.put("format", "regex");
    regex.put("regex", "^(?<ts>\\d+) (?<status>\\d+)(?: (?<app>\\w+))?$");
    regex.put("time.field", "ts");
    regex.put("time.format", "epoch_ms");
    String[][] cases = {
      {
        TestSupport.SAMPLE_LINE,
        "garbage",
        TestSupport.SAMPLE_LINE.replace(" 200 ", " 503 ").replace("10.1.2.3", "10.9.9.9") + "\r"
      },
      {
        "{\"ts\":1760075736123,\"status\":503,\"app\":\"shop\"}",
        "{\"ts\":1760075736124,\"status\":200}",
        "{\"ts\":1,"
      },
      {"1760075736123 503 shop", "1760075736124 200", "x"},
    };
    String[] fields = {"status", "app"};
    LineFields[] formats = {
      LineFields.fromKeys(nginx()), LineFields.fromKeys(json), LineFields.fromKeys(regex)
    };
    for (int f = 0; f < formats.length; f++) {
      LineFields.Extractor x =
          formats[f].extractor(
              f == 0 ? Arrays.asList("status", "remote_addr") : Arrays.asList(fields));
      StringBuilder text = new StringBuilder("###");
      int[] from = new int[cases[f].length];
      int[] to = new int[cases[f].length];
      for (int i = 0; i < cases[f].length; i++) {
        from[i] = text.length();
        text.append(cases[f][i]);
        to[i] = text.length();
        text.append('\n');
      }
      byte[] buffer = bytes(text.toString());
      LineFields.Parsed state = x.newParsed();
      for (int i = 0; i < cases[f].length; i++) {
        String label = formats[f].format() + " line " + i;
        byte[] copy = Arrays.copyOfRange(buffer, from[i], to[i]);
        LineFields.Parsed fresh = x.parse(copy, copy.length);
        LineFields.Parsed inPlace = x.parse(buffer, from[i], to[i], state);
        if (fresh == null) {
          assertNull(inPlace, label);
          continue;
        }
        assertTrue(inPlace == state, label);
        for (int k = 0; k < 2; k++) {
          assertEquals(fresh.string(k), inPlace.string(k), label + " field " + k);
          assertEquals(fresh.hasValue(k), inPlace.hasValue(k), label + " field " + k);
        }
        assertEquals(fresh.timeMillis(), inPlace.timeMillis(), label);
      }
    }
    // the cases exercise what they are about: a later line lacks a field an earlier one had
    LineFields.Extractor x = formats[1].extractor(Arrays.asList(fields));
    LineFields.Parsed state = x.newParsed();
    byte[] a = bytes(cases[1][0]);
    byte[] b = bytes(cases[1][1]);
    assertEquals("shop", x.parse(a, 0, a.length, state).string(1));
    assertNull(x.parse(b, 0, b.length, state).string(1));
    assertNull(x.parse(b, 0, b.length - 1, state), "a cut line does not match");
  }
}
