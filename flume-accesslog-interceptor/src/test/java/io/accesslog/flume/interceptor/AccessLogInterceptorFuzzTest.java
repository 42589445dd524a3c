package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.PathRule;
import io.accesslog.flume.interceptor.TestSupport.FakeClock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;

/**
 * Random and adversarial input through the whole interceptor, for every format. Invariants after
 * each event: no exception, body unchanged, {@code timestamp} set to a number inside the window,
 * and app/host/type are safe path components.
 */
class AccessLogInterceptorFuzzTest {
  /** Visible to Hadoop: never starts with _ or . (only the error type may, on purpose). */
  private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._~-]{0,63}");

  private static final long MAX_AGE = 7 * 86_400_000L;
  private static final long MAX_SKEW = 3_600_000L;

  private final FakeClock clock = new FakeClock(TestSupport.SAMPLE_MILLIS);
  private final Random rnd = new Random(20261122);

  private AccessLogInterceptor[] interceptors() {
    return new AccessLogInterceptor[] {
      new AccessLogInterceptor(TestSupport.settings("type.from", "field:request_id"), clock),
      new AccessLogInterceptor(
          TestSupport.settings(
              "format",
              "json",
              "time.field",
              "t",
              "time.format",
              "iso8601",
              "time.zone",
              "Asia/Kolkata",
              "app.from",
              "field:app",
              "host.from",
              "field:host",
              "type.from",
              "map:type",
              "type.map.a",
              "access"),
          clock),
      new AccessLogInterceptor(
          TestSupport.settings(
              "format",
              "regex",
              "regex",
              "^(?<t>\\S+) (?<app>\\S*) (?<host>.*)$",
              "time.field",
              "t",
              "time.format",
              "epoch_ms",
              "app.from",
              "field:app",
              "host.from",
              "field:host"),
          clock),
      new AccessLogInterceptor(
          TestSupport.settings(
              "time.field",
              "time_local",
              "time.format",
              "pattern:dd/MMM/yyyy:HH:mm:ss Z",
              "app.from",
              "header:topic"),
          clock)
    };
  }

  private byte[] adversarialBody() {
    String line = TestSupport.SAMPLE_LINE;
    switch (rnd.nextInt(12)) {
      case 0:
        {
          byte[] b = new byte[rnd.nextInt(300)];
          rnd.nextBytes(b);
          return b;
        }
      case 1:
        return mutate(line.getBytes(StandardCharsets.UTF_8));
      case 2:
        return line.replace("app0042.example.com 0000", "../../etc 0000")
            .getBytes(StandardCharsets.UTF_8);
      case 3:
        return line.replace("2026", "9999").getBytes(StandardCharsets.UTF_8);
      case 4:
        return line.replace("+0000", rnd.nextBoolean() ? "+2500" : "-1400")
            .getBytes(StandardCharsets.UTF_8);
      case 5:
        {
          byte[] b = new byte[1 << 20];
          Arrays.fill(b, (byte) 'a');
          return b;
        }
      case 6:
        return ("{\"t\":\""
                + (rnd.nextBoolean() ? "9999-12-31T23:59:59" : "2026-11-22T19:25:36")
                + "\",\"app\":\"..\",\"host\":\"/\\u0000\\ud800\",\"type\":\"A\"}")
            .getBytes(StandardCharsets.UTF_8);
      case 7:
        return mutate(
            ("{\"t\":\"2026-11-22T13:55:36Z\",\"app\":\"x\",\"host\":\"y\",\"type\":\"a\","
                    + "\"n\":[[[[{}]]]]}")
                .getBytes(StandardCharsets.UTF_8));
      case 8:
        return (TestSupport.SAMPLE_MILLIS + " " + "\u00e9".repeat(rnd.nextInt(300)) + " .")
            .getBytes(StandardCharsets.UTF_8);
      case 9:
        return new byte[0];
      case 10:
        return line.substring(0, rnd.nextInt(line.length())).getBytes(StandardCharsets.UTF_8);
      default:
        return line.replace(
                "app0042.example.com 0000", "%{host}/" + "x".repeat(rnd.nextInt(400)) + " 0000")
            .getBytes(StandardCharsets.UTF_8);
    }
  }

  private byte[] mutate(byte[] b) {
    byte[] out = b.clone();
    for (int k = rnd.nextInt(4); k >= 0; k--) {
      out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
    }
    return out;
  }

  private String adversarialHeader() {
    String[] options = {
      "..",
      ".",
      "../../etc",
      "",
      "-",
      "HOST\u0000\n",
      "\ud800",
      "a/b",
      "x".repeat(1000),
      "web-01",
      null
    };
    return options[rnd.nextInt(options.length)];
  }

  @Test
  void intercept_randomAndAdversarialInput_keepsInvariants() {
    AccessLogInterceptor[] all = interceptors();
    for (int n = 0; n < 4_000; n++) {
      byte[] body = adversarialBody();
      byte[] copy = body.clone();
      Event e = TestSupport.event(body);
      String key = adversarialHeader();
      if (key != null) {
        e.getHeaders().put("key", key);
        e.getHeaders().put("topic", key);
      }
      if (rnd.nextBoolean()) {
        e.getHeaders()
            .put("timestamp", rnd.nextBoolean() ? "garbage" : Long.toString(rnd.nextLong()));
      }
      if (rnd.nextInt(20) == 0) {
        clock.advance(rnd.nextInt(2_000_000) - 1_000_000);
      }
      Event out = all[n % all.length].intercept(e);
      assertNotNull(out, "route mode never drops");
      assertTrue(Arrays.equals(copy, out.getBody()), "body unchanged");
      Map<String, String> h = out.getHeaders();
      long ts = Long.parseLong(h.get("timestamp"));
      long now = clock.millis();
      assertTrue(ts >= now - MAX_AGE && ts <= now + MAX_SKEW, "timestamp in window: " + ts);
      for (String header : new String[] {"app", "host", "type"}) {
        String v = h.get(header);
        assertNotNull(v, header);
        boolean errorType = header.equals("type") && v.equals("_error");
        assertTrue(errorType || SAFE.matcher(v).matches(), header + " unsafe: '" + v + "'");
        assertFalse(v.equals(".") || v.equals(".."), header);
        String original = h.get(header + ".original");
        if (original != null) {
          assertTrue(v.matches(".*~[0-9a-f]{8}"), header + " rewritten without mark: " + v);
          assertTrue(v.equals(new PathRule(64, true).sanitize(original)), header + ": " + v);
        }
      }
      assertTrue(h.get("error") == null || h.get("type").equals("_error"));
    }
    long ok = 0;
    long routed = 0;
    for (AccessLogInterceptor i : all) {
      ok += i.counters().getEventsOk();
      routed += i.counters().getEventsRouted();
    }
    // The generator must exercise both paths, or the invariants above prove little.
    assertTrue(ok > 100, "good lines seen: " + ok);
    assertTrue(routed > 1000, "error lines seen: " + routed);
  }
}
