package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetRouterTest {
  private static final long T = Instant.parse("2026-11-22T13:45:10.123Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  private static TargetRouter router(String zone) {
    return new TargetRouter(
        RouteSettings.builder().root("/logs").writerId("w1").timeZone(zone).build());
  }

  private static Map<String, String> headers(String type, String app, String host, Object ts) {
    Map<String, String> h = new HashMap<>();
    h.put("type", type);
    h.put("app", app);
    h.put("host", host);
    if (ts != null) {
      h.put("timestamp", String.valueOf(ts));
    }
    h.put("topic", "ignored");
    return h;
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void route_utcEvent_directoryFileBaseAndHourStart() {
    Target t = router("UTC").route(headers("access", "shop", "web01", T), 0);
    assertEquals("/logs/access/shop/20261122/13", t.directory());
    assertEquals("web01.2026112213", t.fileBase());
    assertEquals(millis("2026-11-22T13:00:00Z"), t.hourStartMillis());
    assertEquals(TimestampFallback.NONE, t.timestampFallback());
    assertFalse(t.usedFallback());
  }

  @Test
  void route_hostStartingWithUnderscore_fileBaseNeverHiddenNorInProgressLooking() {
    Target t = router("UTC").route(headers("_error", "shop", "_web01", T), 0);
    assertEquals(
        "/logs/_error/shop/20261122/13", t.directory(), "the error type is hidden on purpose");
    assertEquals(PathSanitizer.sanitize("_web01") + ".2026112213", t.fileBase());
    assertTrue(t.fileBase().startsWith("x_web01~"), t.fileBase());
    assertEquals(List.of("host"), t.rewrittenHeaders());
  }

  @Test
  void route_errorTypeInAnotherHeader_rewrittenToVisibleName() {
    Target t = router("UTC").route(headers("access", "_error", "h", T), 0);
    assertTrue(t.directory().startsWith("/logs/access/x_error~"), t.directory());
    assertEquals(List.of("app"), t.rewrittenHeaders());
  }

  @Test
  void route_errorTypeInFileName_prefixedSoNeverInProgressLooking() {
    TargetRouter r =
        new TargetRouter(
            RouteSettings.builder().root("/logs").fileName("%{type}.%H").writerId("w").build());
    Target t = r.route(headers("_error", "a", "h", T), 0);
    assertEquals("x_error.13", t.fileBase());
    assertTrue(t.rewrittenHeaders().isEmpty());
  }

  @Test
  void route_noErrorTypeConfigured_underscoreTypeRewritten() {
    TargetRouter r =
        new TargetRouter(RouteSettings.builder().root("/logs").errorType("").writerId("w").build());
    Target t = r.route(headers("_error", "a", "h", T), 0);
    assertTrue(t.directory().startsWith("/logs/x_error~"), t.directory());
    assertEquals(List.of("type"), t.rewrittenHeaders());
  }

  @Test
  void route_uriRoot_directoryUnderUri() {
    TargetRouter r =
        new TargetRouter(
            RouteSettings.builder().root("hdfs://nn:8020/logs/").writerId("w1").build());
    assertEquals(
        "hdfs://nn:8020/logs/access/shop/20261122/13",
        r.route(headers("access", "shop", "web01", T), 0).directory());
  }

  @Test
  void route_filesystemRootAndEmptyPath_noDoubleSlash() {
    TargetRouter r =
        new TargetRouter(RouteSettings.builder().root("/").path("").writerId("w1").build());
    assertEquals("/", r.route(headers("a", "b", "c", T), 0).directory());
    TargetRouter r2 = new TargetRouter(RouteSettings.builder().root("/").writerId("w1").build());
    assertEquals("/a/b/20261122/13", r2.route(headers("a", "b", "c", T), 0).directory());
  }

  @Test
  void route_kolkataHalfHourOffset_localHourAndHalfHourAlignedStart() {
    TargetRouter r = router("Asia/Kolkata");
    // 13:45:10Z is 19:15:10 IST; 13:15Z is 18:45 IST.
    Target t = r.route(headers("access", "shop", "web01", T), 0);
    assertEquals("/logs/access/shop/20261122/19", t.directory());
    assertEquals("web01.2026112219", t.fileBase());
    assertEquals(millis("2026-11-22T13:30:00Z"), t.hourStartMillis());
    Target before = r.route(headers("access", "shop", "web01", millis("2026-11-22T13:15:00Z")), 0);
    assertEquals("web01.2026112218", before.fileBase());
    assertEquals(millis("2026-11-22T12:30:00Z"), before.hourStartMillis());
  }

  @Test
  void route_newYorkFallBack_repeatedHourSharesTargetWithDistinctStarts() {
    TargetRouter r = router("America/New_York");
    // 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z, so local 01:xx happens twice.
    Target edt = r.route(headers("a", "b", "h", millis("2026-11-01T05:30:00Z")), 0);
    Target est = r.route(headers("a", "b", "h", millis("2026-11-01T06:30:00Z")), 0);
    Target next = r.route(headers("a", "b", "h", millis("2026-11-01T07:30:00Z")), 0);
    assertEquals("h.2026110101", edt.fileBase());
    assertEquals(millis("2026-11-01T05:00:00Z"), edt.hourStartMillis());
    assertEquals("h.2026110101", est.fileBase());
    assertEquals(millis("2026-11-01T06:00:00Z"), est.hourStartMillis());
    assertEquals(edt, est);
    assertEquals("h.2026110102", next.fileBase());
  }

  @Test
  void route_newYorkSpringForward_skipsHourTwo() {
    TargetRouter r = router("America/New_York");
    // 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z.
    Target before = r.route(headers("a", "b", "h", millis("2026-03-08T06:59:59.999Z")), 0);
    Target after = r.route(headers("a", "b", "h", millis("2026-03-08T07:00:00Z")), 0);
    assertEquals("h.2026030801", before.fileBase());
    assertEquals("h.2026030803", after.fileBase());
    assertEquals(millis("2026-03-08T07:00:00Z"), after.hourStartMillis());
  }

  /**
   * Sweeps event times through DST changes (including Lord Howe's half-hour one and Chatham's
   * +12:45) in order and backwards, comparing with java.time: exercises the same-hour fast path and
   * the zone-rules path.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "UTC",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "America/New_York",
        "Europe/Berlin",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "America/St_Johns",
        "-03:30"
      })
  void route_sweepAcrossYear_matchesJavaTime(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    TargetRouter r =
        new TargetRouter(
            RouteSettings.builder()
                .root("/r")
                .path("%Y/%m/%d/%H")
                .fileName("x.%Y%m%d%H%M%S.%j.%s")
                .writerId("w")
                .timeZone(zoneId)
                .build());
    DateTimeFormatter dir = DateTimeFormatter.ofPattern("'/r/'yyyy/MM/dd/HH");
    DateTimeFormatter hourStamp = DateTimeFormatter.ofPattern("yyyyMMddHH");
    long start = millis("2026-01-01T00:00:00Z");
    long step = 19 * 60_000L + 13;
    int n = (int) (366L * 24 * HOUR / step);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        long ts = start + (pass == 0 ? i : n - 1 - i) * step;
        Target t = r.route(Map.of("timestamp", Long.toString(ts)), 0);
        ZonedDateTime local = Instant.ofEpochMilli(ts).atZone(zone);
        ZonedDateTime hourStart = local.truncatedTo(ChronoUnit.HOURS);
        long expectedStart =
            ts - (local.toLocalTime().toNanoOfDay() % 3_600_000_000_000L) / 1_000_000;
        String expectedBase =
            "x."
                + local.format(hourStamp)
                + "0000."
                + String.format("%03d", local.getDayOfYear())
                + "."
                + Math.floorDiv(expectedStart, 1000);
        assertEquals(local.format(dir), t.directory(), () -> "ts=" + ts);
        assertEquals(expectedBase, t.fileBase(), () -> "ts=" + ts);
        assertEquals(expectedStart, t.hourStartMillis(), () -> "ts=" + ts + " " + hourStart);
      }
    }
  }

  @Test
  void route_missingTimestamp_ingestHourAndFallbackRecorded() {
    long ingest = millis("2026-11-22T20:10:00Z");
    Target t = router("UTC").route(headers("a", "b", "h", null), ingest);
    assertEquals("h.2026112220", t.fileBase());
    assertEquals(TimestampFallback.MISSING, t.timestampFallback());
    assertTrue(t.usedFallback());
  }

  @Test
  void route_badTimestamps_eachReasonRecorded() {
    TargetRouter r = router("UTC");
    long ingest = millis("2026-11-22T20:10:00Z");
    assertEquals(
        TimestampFallback.UNPARSEABLE,
        r.route(headers("a", "b", "h", "soon"), ingest).timestampFallback());
    assertEquals(
        TimestampFallback.NEGATIVE,
        r.route(headers("a", "b", "h", -5), ingest).timestampFallback());
    Target far = r.route(headers("a", "b", "h", "999999999999999"), ingest);
    assertEquals(TimestampFallback.OUT_OF_RANGE, far.timestampFallback());
    assertEquals(millis("2026-11-22T20:00:00Z"), far.hourStartMillis());
  }

  @Test
  void route_fallbackAndValidTimestampSameHour_equalTargetsDifferentFlags() {
    TargetRouter r = router("UTC");
    Target valid = r.route(headers("a", "b", "h", T), 0);
    Target fallback = r.route(headers("a", "b", "h", null), T + 1000);
    assertEquals(valid, fallback);
    assertEquals(valid.hashCode(), fallback.hashCode());
    assertEquals(TimestampFallback.NONE, valid.timestampFallback());
    assertEquals(TimestampFallback.MISSING, fallback.timestampFallback());
  }

  @Test
  void route_badIngestTimeWhenFallingBack_throws() {
    TargetRouter r = router("UTC");
    assertThrows(IllegalArgumentException.class, () -> r.route(headers("a", "b", "h", null), -1));
  }

  @Test
  void route_missingAndUnusableHeaders_missingValueAndNamesRecorded() {
    TargetRouter r =
        new TargetRouter(
            RouteSettings.builder().root("/logs").writerId("w").missingValue("none").build());
    Map<String, String> h = headers("access", "", "h", T);
    h.remove("host");
    Target t = r.route(h, 0);
    assertEquals("/logs/access/none/20261122/13", t.directory());
    assertEquals("none.2026112213", t.fileBase());
    assertEquals(List.of("app", "host"), t.fallbackHeaders());
    assertTrue(t.usedFallback());
  }

  @Test
  void route_traversalInHeader_staysUnderRoot() {
    Target t = router("UTC").route(headers("../../etc", "/", "a/../../b", T), 0);
    assertEquals("/logs/x.._.._etc~2c9072cd/x_~24bcadc4/20261122/13", t.directory());
    assertEquals(PathSanitizer.sanitize("a/../../b") + ".2026112213", t.fileBase());
    assertTrue(t.fileBase().startsWith("a_.._.._b~"), t.fileBase());
    assertEquals(List.of("type", "app", "host"), t.rewrittenHeaders());
    assertFalse(t.usedFallback());
  }

  @Test
  void route_sameHeadersSameHour_cachedInstance() {
    TargetRouter r = router("UTC");
    Target first = r.route(headers("a", "b", "h", T), 0);
    Target second = r.route(headers("a", "b", "h", T + 60_000), 0);
    assertSame(first, second);
    assertEquals(1, r.cacheMisses());
  }

  @Test
  void route_nextHour_newTarget() {
    TargetRouter r = router("UTC");
    Target first = r.route(headers("a", "b", "h", T), 0);
    Target second = r.route(headers("a", "b", "h", T + HOUR), 0);
    assertNotSame(first, second);
    assertNotEquals(first, second);
    assertEquals(first.hourStartMillis() + HOUR, second.hourStartMillis());
  }

  @Test
  void route_moreKeysThanCapacity_cacheClearedAndStaysBounded() {
    TargetRouter r =
        new TargetRouter(RouteSettings.builder().root("/l").writerId("w").cacheSize(10).build());
    for (int i = 0; i < 25; i++) {
      Target t = r.route(headers("a", "b", "h" + i, T), 0);
      assertEquals("h" + i + ".2026112213", t.fileBase());
      assertTrue(r.cachedTargets() <= 10, "size " + r.cachedTargets());
    }
    assertEquals(2, r.cacheClears());
    assertEquals(5, r.cachedTargets());
    assertEquals(25, r.cacheMisses());
  }

  @Test
  void route_unreferencedHeaderChanges_sameTarget() {
    TargetRouter r = router("UTC");
    Map<String, String> h = headers("a", "b", "h", T);
    Target first = r.route(h, 0);
    h.put("offset", "42");
    h.put("topic", "other");
    assertSame(first, r.route(h, 0));
  }

  @Test
  void target_toString_pathOfFileBase() {
    Target t = router("UTC").route(headers("a", "b", "h", T), 0);
    assertEquals("/logs/a/b/20261122/13/h.2026112213", t.toString());
  }
}
