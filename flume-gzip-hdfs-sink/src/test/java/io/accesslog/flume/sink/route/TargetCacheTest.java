package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetCacheTest {
  private static final HourBucket HOUR =
      new HourBuckets(ZoneOffset.UTC).bucketFor(1_795_352_400_000L);

  private static RouteKey probe(String... values) {
    RouteKey k = new RouteKey(values.length);
    System.arraycopy(values, 0, k.values(), 0, values.length);
    k.finish(HOUR, TimestampFallback.NONE);
    return k;
  }

  @Test
  void valuesMatch_sameConcatenationDifferentSplit_false() {
    assertFalse(probe("ab", "c").valuesMatch(probe("a", "bc").encodeValues()));
    assertFalse(probe("", "x").valuesMatch(probe(null, "x").encodeValues()));
    assertFalse(probe("x", null).valuesMatch(probe("x", "").encodeValues()));
    assertTrue(probe(null, "x\u0000y").valuesMatch(probe(null, "x\u0000y").encodeValues()));
  }

  @Test
  void get_afterPut_sameTargetAndOtherHourMisses() {
    TargetCache cache = new TargetCache(100);
    Target t = new Target("/d", "f", 0, TimestampFallback.NONE, Target.noFallbackHeaders());
    cache.put(probe("a", "b"), t);
    assertSame(t, cache.get(probe("a", "b")));
    RouteKey fallback = probe("a", "b");
    fallback.finish(HOUR, TimestampFallback.MISSING);
    assertNull(cache.get(fallback));
    assertNull(cache.get(probe("a", "c")));
  }

  /** "Aa" and "BB" have the same String.hashCode, so these 2^12 hosts all collide. */
  @Test
  void route_hostsWithCollidingHashCodes_correctAndBounded() {
    TargetRouter router =
        new TargetRouter(RouteSettings.builder().root("/l").writerId("w").build());
    Set<String> bases = new HashSet<>();
    for (int i = 0; i < 4096; i++) {
      StringBuilder host = new StringBuilder();
      for (int bit = 0; bit < 12; bit++) {
        host.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      Map<String, String> h = new HashMap<>();
      h.put("host", host.toString());
      h.put("timestamp", "1795352400000");
      Target t = router.route(h, 0);
      assertEquals(host + ".2026112213", t.fileBase());
      bases.add(t.fileBase());
    }
    assertEquals(4096, bases.size());
    assertTrue(router.cachedTargets() <= TargetCache.MAX_PROBES, "" + router.cachedTargets());
  }
}
