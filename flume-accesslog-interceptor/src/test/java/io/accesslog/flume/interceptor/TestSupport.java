package io.accesslog.flume.interceptor;

import io.accesslog.flume.core.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.event.EventBuilder;

final class TestSupport {
  static final String SAMPLE_FORMAT =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
          + "\"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time $host "
          + "$request_id";
  static final String SAMPLE_LINE =
      "10.1.2.3 - - [22/Nov/2026:13:55:36 +0000] \"GET /api/v1/items/123 HTTP/1.1\" 200 5123 "
          + "\"https://app0042.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\" 0.012 0.010 "
          + "app0042.example.com 00000003000000000042abcdef012345";
  static final long SAMPLE_MILLIS = Instant.parse("2026-11-22T13:55:36Z").toEpochMilli();

  private TestSupport() {}

  /** The sample line with its time replaced by {@code millis} (for the system clock). */
  static String sampleLineAt(long millis) {
    String t =
        java.time.format.DateTimeFormatter.ofPattern(
                "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH)
            .format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofHours(8)));
    return SAMPLE_LINE.replace("22/Nov/2026:13:55:36 +0000", t);
  }

  /** Settings for the sample format plus the given overrides (key, value, key, value...). */
  static InterceptorSettings settings(String... kv) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("nginx.logFormat", SAMPLE_FORMAT);
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        map.remove(kv[i]);
      } else {
        map.put(kv[i], kv[i + 1]);
      }
    }
    return InterceptorSettings.parse(new Context(map));
  }

  static Event event(String body, String... headers) {
    return event(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static Event event(byte[] body, String... headers) {
    Map<String, String> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return EventBuilder.withBody(body, h);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A clock the test moves by hand; never sleeps. */
  static final class FakeClock implements Clock {
    private long millis;

    FakeClock(long millis) {
      this.millis = millis;
    }

    void advance(long delta) {
      millis += delta;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public long nanos() {
      return millis * 1_000_000L;
    }
  }
}
