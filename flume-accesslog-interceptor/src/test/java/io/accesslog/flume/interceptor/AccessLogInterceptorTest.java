package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.SAMPLE_LINE;
import static io.accesslog.flume.interceptor.TestSupport.SAMPLE_MILLIS;
import static io.accesslog.flume.interceptor.TestSupport.event;
import static io.accesslog.flume.interceptor.TestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.accesslog.flume.interceptor.TestSupport.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;

class AccessLogInterceptorTest {
  private static final long HOUR = 3_600_000L;
  private final FakeClock clock = new FakeClock(SAMPLE_MILLIS + 60_000);

  private AccessLogInterceptor interceptor(String... kv) {
    return new AccessLogInterceptor(settings(kv), clock);
  }

  private static String sampleWith(String from, String to) {
    return SAMPLE_LINE.replace(from, to);
  }

  @Test
  void intercept_sampleLine_setsAllHeadersAndKeepsBody() {
    Event e = event(SAMPLE_LINE, "key", "Web-07.DC1", "timestamp", "1");
    byte[] before = e.getBody().clone();
    Event out = interceptor().intercept(e);
    Map<String, String> h = out.getHeaders();
    assertEquals(Long.toString(SAMPLE_MILLIS), h.get("timestamp"));
    assertEquals("app0042.example.com", h.get("app"));
    assertEquals("web-07.dc1", h.get("host"));
    assertEquals("access", h.get("type"));
    assertFalse(h.containsKey("error"));
    assertArrayEquals(before, out.getBody());
  }

  @Test
  void intercept_trailingNewline_isIgnoredForParsingButKept() {
    Event out = interceptor().intercept(event(SAMPLE_LINE + "\r\n", "key", "h"));
    assertEquals("access", out.getHeaders().get("type"));
    assertEquals(SAMPLE_LINE + "\r\n", new String(out.getBody(), StandardCharsets.UTF_8));
  }

  @Test
  void intercept_offsetInLine_decidesTheHour() {
    Event out =
        interceptor()
            .intercept(
                event(
                    sampleWith("22/Nov/2026:13:55:36 +0000", "22/Nov/2026:21:55:36 +0800"),
                    "key",
                    "h"));
    assertEquals(Long.toString(SAMPLE_MILLIS), out.getHeaders().get("timestamp"));
  }

  @Test
  void intercept_unparseableLine_routesWithFallbackTimeFromHeader() {
    long kafkaTime = SAMPLE_MILLIS - 5_000;
    Event out =
        interceptor()
            .intercept(event("not a log line", "key", "h1", "timestamp", Long.toString(kafkaTime)));
    Map<String, String> h = out.getHeaders();
    assertEquals("_error", h.get("type"));
    assertEquals("unparseable_line", h.get("error"));
    assertEquals(Long.toString(kafkaTime), h.get("timestamp"));
    assertEquals("unknown", h.get("app"));
    assertEquals("h1", h.get("host"));
  }

  @Test
  void intercept_errorWithoutUsableHeader_usesIngestionTime() {
    Event out = interceptor().intercept(event("junk", "timestamp", "99999999999999"));
    assertEquals(Long.toString(clock.millis()), out.getHeaders().get("timestamp"));
    assertEquals("unknown", out.getHeaders().get("host"));
  }

  @Test
  void intercept_missingHostField_isMissingField() {
    Event out =
        interceptor()
            .intercept(event(sampleWith("app0042.example.com 0000", "- 0000"), "key", "h"));
    assertEquals("missing_field", out.getHeaders().get("error"));
    assertEquals("_error", out.getHeaders().get("type"));
  }

  @Test
  void intercept_missingKeyHeader_isMissingField() {
    Event out = interceptor().intercept(event(SAMPLE_LINE));
    assertEquals("missing_field", out.getHeaders().get("error"));
    assertEquals("app0042.example.com", out.getHeaders().get("app"));
  }

  @Test
  void intercept_badTime_isBadTime() {
    Event out =
        interceptor()
            .intercept(
                event(
                    sampleWith("22/Nov/2026:13:55:36 +0000", "22/Nov/2026:13:55:36 +0099"),
                    "key",
                    "h"));
    assertEquals("bad_time", out.getHeaders().get("error"));
  }

  @Test
  void intercept_timeWindow_edgesAndBeyond() {
    AccessLogInterceptor i = interceptor("time.maxAge", "2h", "time.maxSkew", "1h");
    clock.advance(-60_000 - HOUR); // event is exactly maxSkew in the future
    assertNull(i.intercept(event(SAMPLE_LINE, "key", "h")).getHeaders().get("error"));
    clock.advance(-1);
    assertEquals(
        "time_in_future", i.intercept(event(SAMPLE_LINE, "key", "h")).getHeaders().get("error"));
    clock.advance(1 + 3 * HOUR); // exactly maxAge old
    assertNull(i.intercept(event(SAMPLE_LINE, "key", "h")).getHeaders().get("error"));
    clock.advance(1);
    assertEquals(
        "time_too_old", i.intercept(event(SAMPLE_LINE, "key", "h")).getHeaders().get("error"));
  }

  @Test
  void intercept_year9999_isTimeInFuture() {
    Event out = interceptor().intercept(event(sampleWith("2026", "9999"), "key", "h"));
    assertEquals("time_in_future", out.getHeaders().get("error"));
    assertEquals(Long.toString(clock.millis()), out.getHeaders().get("timestamp"));
  }

  @Test
  void intercept_overLongLine_isLineTooLong() {
    Event out = interceptor("line.maxBytes", "100").intercept(event(SAMPLE_LINE, "key", "h"));
    assertEquals("line_too_long", out.getHeaders().get("error"));
  }

  @Test
  void intercept_invalidUtf8_isInvalidUtf8() {
    byte[] body = SAMPLE_LINE.getBytes(StandardCharsets.UTF_8);
    body[50] = (byte) 0xFF;
    Event out = interceptor().intercept(event(body, "key", "h"));
    assertEquals("invalid_utf8", out.getHeaders().get("error"));
    assertEquals(255, out.getBody()[50] & 0xFF, "body is stored as received");
  }

  @Test
  void intercept_pathTraversalInHostAndApp_isSanitized() {
    Event out =
        interceptor()
            .intercept(
                event(sampleWith("app0042.example.com 0000", "../../etc 0000"), "key", ".."));
    assertEquals("x.._.._etc~2c9072cd", out.getHeaders().get("app"));
    assertEquals("x..~573aea3f", out.getHeaders().get("host"));
    assertEquals("../../etc", out.getHeaders().get("app.original"));
    assertEquals("..", out.getHeaders().get("host.original"));
  }

  @Test
  void intercept_mapSource_mapsAndFlagsUnmapped() {
    AccessLogInterceptor i =
        interceptor("app.from", "map:host", "app.map.APP0042.example.com", "shop");
    assertEquals("shop", i.intercept(event(SAMPLE_LINE, "key", "h")).getHeaders().get("app"));
    Event other =
        i.intercept(event(sampleWith("app0042.example.com 0000", "x.example 0000"), "key", "h"));
    assertEquals("unmapped_value", other.getHeaders().get("error"));
    assertEquals("unknown", other.getHeaders().get("app"));
  }

  @Test
  void intercept_mapDefault_coversUnmapped() {
    AccessLogInterceptor i =
        interceptor(
            "app.from", "map:header:topic", "app.map.logs-shop", "shop", "app.mapDefault", "other");
    assertEquals(
        "shop",
        i.intercept(event(SAMPLE_LINE, "key", "h", "topic", "logs-shop")).getHeaders().get("app"));
    assertEquals(
        "other",
        i.intercept(event(SAMPLE_LINE, "key", "h", "topic", "logs-x")).getHeaders().get("app"));
  }

  @Test
  void intercept_typeFromField_usesSanitizedValue() {
    Event out = interceptor("type.from", "field:status").intercept(event(SAMPLE_LINE, "key", "h"));
    assertEquals("200", out.getHeaders().get("type"));
  }

  @Test
  void intercept_successAfterStaleError_removesErrorHeader() {
    Event out = interceptor().intercept(event(SAMPLE_LINE, "key", "h", "error", "bad_time"));
    assertFalse(out.getHeaders().containsKey("error"));
  }

  @Test
  void intercept_dropMode_dropsOnlyBadLinesAndCountsThem() {
    AccessLogInterceptor i = interceptor("onError", "drop");
    List<Event> batch =
        new ArrayList<>(
            Arrays.asList(
                event("bad", "key", "h"),
                event(SAMPLE_LINE, "key", "h"),
                event("bad", "key", "h"),
                event(SAMPLE_LINE, "key", "h")));
    List<Event> out = i.intercept(batch);
    assertEquals(2, out.size());
    assertEquals("access", out.get(0).getHeaders().get("type"));
    assertEquals(2, i.counters().getEventsDropped());
    assertEquals(2, i.counters().getErrorUnparseableLine());
    assertEquals(0, i.counters().getEventsRouted());
  }

  @Test
  void interceptList_nothingDropped_returnsSameList() {
    List<Event> batch =
        new ArrayList<>(Arrays.asList(event("bad"), event(SAMPLE_LINE, "key", "h")));
    assertSame(batch, interceptor().intercept(batch));
  }

  @Test
  void counters_countPerReasonAndTotals() {
    AccessLogInterceptor i = interceptor();
    i.intercept(event(SAMPLE_LINE, "key", "h"));
    i.intercept(event("junk", "key", "h"));
    i.intercept(event(SAMPLE_LINE));
    InterceptorCounters c = i.counters();
    assertEquals(3, c.getEventsIn());
    assertEquals(1, c.getEventsOk());
    assertEquals(2, c.getEventsRouted());
    assertEquals(1, c.getErrorUnparseableLine());
    assertEquals(1, c.getErrorMissingField());
    assertEquals(0, c.getErrorBadTime());
  }

  @Test
  void intercept_jsonFormat_extractsFields() {
    AccessLogInterceptor i =
        interceptor(
            "format",
            "json",
            "time.field",
            "ts",
            "time.format",
            "iso8601",
            "app.from",
            "field:app",
            "host.from",
            "field:host");
    Event out =
        i.intercept(
            event(
                "{\"ts\":\"2026-11-22T21:55:36+08:00\",\"app\":\"Shop\",\"host\":\"web-1\",\"msg\":\"x\"}"));
    assertEquals(Long.toString(SAMPLE_MILLIS), out.getHeaders().get("timestamp"));
    assertEquals("shop", out.getHeaders().get("app"));
    assertEquals("web-1", out.getHeaders().get("host"));
    assertNull(out.getHeaders().get("error"));
  }

  @Test
  void intercept_regexFormat_extractsFields() {
    AccessLogInterceptor i =
        interceptor(
            "format",
            "regex",
            "regex",
            "^(?<ts>\\d+\\.\\d{3}) (?<app>\\S+) ",
            "time.field",
            "ts",
            "time.format",
            "msec",
            "app.from",
            "field:app");
    Event out = i.intercept(event((SAMPLE_MILLIS / 1000) + ".250 shop GET /", "key", "h"));
    assertEquals(Long.toString(SAMPLE_MILLIS + 250), out.getHeaders().get("timestamp"));
    assertEquals("shop", out.getHeaders().get("app"));
  }
}
