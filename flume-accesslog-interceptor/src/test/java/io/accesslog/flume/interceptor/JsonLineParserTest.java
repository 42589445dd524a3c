package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLineParserTest {
  private final JsonLineParser parser = new JsonLineParser(Arrays.asList("time", "host", "n"));

  private FieldValues parse(String line) {
    byte[] b = bytes(line);
    return parser.parse(b, b.length);
  }

  @Test
  void parse_flatObject_extractsWantedFields() {
    FieldValues v =
        parse(
            "{\"time\":\"2026-11-22T13:55:36Z\", \"other\": [1,{\"x\":\"}\"}],"
                + " \"host\" : \"a.example\", \"n\": 12.5e3}");
    assertNotNull(v);
    assertEquals("2026-11-22T13:55:36Z", v.string(0));
    assertEquals("a.example", v.string(1));
    assertEquals("12.5e3", v.string(2));
  }

  @Test
  void parse_escapes_areDecoded() {
    FieldValues v = parse("{\"ho\\u0073t\":\"a\\/b\\\"c\\u00e9\\ud83d\\ude00\"}");
    assertNotNull(v);
    assertEquals("a/b\"c\u00e9\ud83d\ude00", v.string(1));
  }

  @Test
  void parse_nullAndNested_countAsAbsent() {
    FieldValues v = parse("{\"time\":null,\"host\":{\"name\":\"x\"}}");
    assertNotNull(v);
    assertFalse(v.has(0));
    assertFalse(v.has(1));
  }

  @Test
  void parse_duplicateKey_firstWins() {
    assertEquals("a", parse("{\"host\":\"a\",\"host\":\"b\"}").string(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{\"a\":tru}",
        "{\"a\":\"x}",
        "{} x",
        "{\"host\":\"\\q\"}",
        "{\"a\" 1}",
        "{\"a\":[1,2}",
        "{\"host\":\"\\u12\"}"
      })
  void parse_malformed_returnsNull(String line) {
    assertNull(parse(line));
  }
}
