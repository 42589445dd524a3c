package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.config.SinkKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random and adversarial header values must never produce a path outside the root or a name that is
 * empty, relative ({@code .}, {@code ..}), hidden from Hadoop ({@code .x} or {@code _x}, except the
 * configured error type as a whole component) or outside the safe set.
 */
class TargetRouterFuzzTest {
  private static final Pattern SAFE_COMPONENT = Pattern.compile("[A-Za-z0-9._~=-]{1,255}");
  private static final String[] ADVERSARIAL = {
    "../../etc",
    "..",
    ".",
    "/",
    "//",
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "%2e%2e",
    "%2e%2e%2f",
    "..%2f..",
    "\\..\\..",
    "a/../b",
    "./x",
    ".hidden",
    "-",
    "~",
    "~root",
    "\r\n",
    "\t",
    "\u202e\u0627",
    "\uD83D\uDE00",
    "\u00e9t\u00e9",
    "CON",
    "x".repeat(10_240),
    "/".repeat(10_240),
    ".".repeat(65),
    "_".repeat(70),
    "a".repeat(64),
    "a".repeat(65),
    "hdfs://evil/x",
    "${jndi:ldap://x}",
    "%{type}",
    "%Y",
    "_error",
    "_hidden",
    "__",
    "_",
    "$(reboot)",
    ";rm -rf /",
    "x_hidden~c74e4e77",
    null,
  };

  private static String randomValue(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return ADVERSARIAL[r.nextInt(ADVERSARIAL.length)];
      case 1:
        {
          StringBuilder b = new StringBuilder();
          int n = r.nextInt(80);
          for (int i = 0; i < n; i++) {
            b.append((char) r.nextInt(0x10000));
          }
          return b.toString();
        }
      case 2:
        {
          String chars = "./\\_-%~ aZ9\u0000";
          StringBuilder b = new StringBuilder();
          int n = r.nextInt(12);
          for (int i = 0; i < n; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
          }
          return b.toString();
        }
      case 3:
        return "host" + r.nextInt(50);
      default:
        return ADVERSARIAL[r.nextInt(ADVERSARIAL.length)] + ADVERSARIAL[r.nextInt(6)];
    }
  }

  @ParameterizedTest
  @CsvSource({
    "/logs, '%{type}/%{app}/%Y%m%d/%H', '%{host}.%Y%m%d%H'",
    "hdfs://nn:8020/logs, 'dt=%Y%m%d/hr=%H/%{key}%{type}', '%{app}-%{host}.%s'",
    "/, '%{type}', '%{host}'",
  })
  void route_randomHeaders_pathStaysSafeUnderRoot(String root, String path, String fileName) {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    TargetRouter router =
        new TargetRouter(
            RouteSettings.builder()
                .root(root)
                .path(path)
                .fileName(fileName)
                .writerId("w")
                .cacheSize(1000)
                .build());
    String prefix = root.endsWith("/") ? root : root + "/";
    for (int i = 0; i < 20_000; i++) {
      Map<String, String> h = new HashMap<>();
      for (String name : new String[] {"type", "app", "host", "key", "timestamp"}) {
        String v = randomValue(r);
        if (v != null) {
          h.put(name, v);
        }
      }
      if (r.nextBoolean()) {
        h.put("timestamp", Long.toString(r.nextLong() % 400_000_000_000_000L));
      }
      Target t = router.route(h, 1_795_352_400_000L);
      String where = "seed=" + seed + " headers=" + h.keySet() + " -> " + t;
      assertTrue(t.directory().startsWith(prefix), where);
      for (String component : t.directory().substring(prefix.length()).split("/", -1)) {
        assertSafe(component, where);
      }
      assertSafe(t.fileBase(), where);
      assertEquals(t, router.route(h, 1_795_352_400_000L), where);
    }
  }

  private static void assertSafe(String component, String where) {
    assertTrue(SAFE_COMPONENT.matcher(component).matches(), "'" + component + "' " + where);
    assertFalse(component.startsWith("."), "'" + component + "' " + where);
    if (!component.equals(SinkKeys.ERROR_TYPE.defaultValue())) {
      assertFalse(component.startsWith("_"), "'" + component + "' " + where);
    }
    assertFalse(component.equals("..") || component.equals("."), where);
  }

  @Test
  void route_adversarialValueInEveryHeader_neverMissingValueCollisionWithRealValue() {
    TargetRouter router =
        new TargetRouter(RouteSettings.builder().root("/logs").writerId("w").build());
    for (String v : ADVERSARIAL) {
      Map<String, String> h = new HashMap<>();
      if (v != null) {
        h.put("type", v);
        h.put("app", v);
        h.put("host", v);
      }
      Target t = router.route(h, 1_795_352_400_000L);
      String sanitized = PathSanitizer.sanitize(v);
      String expected = sanitized == null ? "unknown" : sanitized;
      String type = "_error".equals(v) ? v : expected;
      assertEquals("/logs/" + type + "/" + expected + "/20261122/13", t.directory(), v);
      assertEquals(sanitized == null ? 3 : 0, t.fallbackHeaders().size(), String.valueOf(v));
    }
  }
}
