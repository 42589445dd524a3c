package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NginxLogFormatTest {
  private static final List<String> FIELDS =
      Arrays.asList("time_local", "host", "request", "http_user_agent", "request_id");

  private static FieldValues scan(String format, String line) {
    byte[] b = bytes(line);
    return NginxLogFormat.compile(format).scanner(FIELDS).parse(b, b.length);
  }

  @Test
  void scanner_sampleLine_extractsFields() {
    FieldValues v = scan(TestSupport.SAMPLE_FORMAT, TestSupport.SAMPLE_LINE);
    assertNotNull(v);
    assertEquals("22/Nov/2026:13:55:36 +0000", v.string(0));
    assertEquals("app0042.example.com", v.string(1));
    assertEquals("GET /api/v1/items/123 HTTP/1.1", v.string(2));
    assertEquals("Mozilla/5.0 (X11; Linux x86_64)", v.string(3));
    assertEquals("00000003000000000042abcdef012345", v.string(4));
  }

  @Test
  void scanner_combinedKeyword_parsesCombinedLine() {
    FieldValues v =
        scan(
            "combined",
            "1.2.3.4 - bob [10/Oct/2026:13:55:36 +0800] \"GET / HTTP/1.1\""
                + " 200 12 \"-\" \"curl/8.0\"");
    assertNotNull(v);
    assertEquals("10/Oct/2026:13:55:36 +0800", v.string(0));
    assertFalse(v.has(1), "combined has no $host");
    assertEquals("curl/8.0", v.string(3));
  }

  @Test
  void compile_wholeDirective_equalsBareFormat() {
    String directive =
        "log_format main escape=default '$remote_addr - $remote_user [$time_local] '\n"
            + "  '\"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"';";
    assertEquals(
        NginxLogFormat.compile("combined").variables(),
        NginxLogFormat.compile(directive).variables());
    FieldValues v =
        scan(
            directive,
            "1.2.3.4 - - [10/Oct/2026:13:55:36 +0800] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl/8.0\"");
    assertNotNull(v);
    assertEquals("GET / HTTP/1.1", v.string(2));
  }

  @Test
  void compile_bracedVariable_isAVariable() {
    assertTrue(NginxLogFormat.compile("${host}:x $status").variables().contains("host"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"$host$status", "", "log_format main;", "'unterminated", "'a' b", "${host"})
  void compile_badDefinition_throws(String def) {
    assertThrows(IllegalArgumentException.class, () -> NginxLogFormat.compile(def));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "10.1.2.3 - - [22/Nov/2026:13:55:36 +0000] \"GET / HTTP/1.1\" 200",
        "10.1.2.3 - - 22/Nov/2026:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"",
        "10.1.2.3 - - [22/Nov/2026:13:55:36 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" trailing"
      })
  void scanner_nonMatchingLine_returnsNull(String line) {
    assertNull(scan("combined", line));
  }

  @Test
  void scanner_emptyQuotedValue_isPresentButEmpty() {
    FieldValues v =
        scan("combined", "1.2.3.4 - - [10/Oct/2026:13:55:36 +0800] \"\" 400 0 \"-\" \"\"");
    assertNotNull(v);
    assertTrue(v.has(2));
    assertFalse(v.hasValue(2));
  }

  @Test
  void scanner_escapedQuoteInUserAgent_staysInsideField() {
    FieldValues v =
        scan(
            "combined",
            "1.2.3.4 - - [10/Oct/2026:13:55:36 +0800] \"GET / HTTP/1.1\" 200 1 \"-\" \"a\\x22 b\"");
    assertNotNull(v);
    assertEquals("a\\x22 b", v.string(3));
  }
}
