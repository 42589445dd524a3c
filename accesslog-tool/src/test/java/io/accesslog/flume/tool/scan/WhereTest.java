package io.accesslog.flume.tool.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.interceptor.LineFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhereTest {
  static final String FORMAT =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
          + "\"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time $host $request_id";
  static final String LINE =
      "10.1.2.3 - - [07/Dec/2026:13:05:00 +0000] \"GET /api/v1/items HTTP/1.1\" 503 512 \"-\""
          + " \"curl/8\" 0.250 - shop.example.com abc";
  private static final LineFields FIELDS = LineFields.fromKeys(Map.of("nginx.logFormat", FORMAT));

  private static boolean matches(String where) {
    Question q = new Question(FIELDS, List.of(where), null, null, null, List.of(), false);
    byte[] b = LINE.getBytes(StandardCharsets.UTF_8);
    LineFields.Parsed p = q.extractor.parse(b, b.length);
    return q.wheres.get(0).test(p);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "status>=500|true",
        "status>503|false",
        "status=503|true",
        "status!=503|false",
        "status<600|true",
        "status <= 503|true",
        "remote_addr=10.1.2.3|true",
        "remote_addr=10.1.2.30|false",
        "request~^GET /api|true",
        "request !~ ^POST|true",
        "request~^POST|false",
        "request_time=0.25|true",
        "request_time>0.2|true",
        "upstream_response_time>0|false",
        "upstream_response_time=-|true",
        "remote_addr='10.1.2.3'|true"
      })
  void test_operators(String where, boolean expected) {
    assertEquals(expected, matches(where), where);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "status|after the field 'status' comes an operator",
        ">=500|must start with a field name",
        "status>=abc|is not a number",
        "request~[unclosed|the regex is invalid",
        "stauts>=500|no field 'stauts' in nginx log_format",
        "status>=|no value after"
      })
  void parse_badExpression_oneClearMessage(String where, String expected) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Question(FIELDS, List.of(where), null, null, null, List.of(), false));
    assertTrue(e.getMessage().startsWith("--where '" + where + "': "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
