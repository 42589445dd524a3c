package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParsersTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static long parse(String spec, ZoneId zone, String value) {
    byte[] b = bytes(value);
    return TimeParsers.forSpec(spec, zone).parse(b, 0, b.length);
  }

  private static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  @Test
  void timeLocal_positiveOffset_convertsToUtc() {
    assertEquals(
        millis("2026-10-10T05:55:36Z"), parse("time_local", UTC, "10/Oct/2026:13:55:36 +0800"));
  }

  @Test
  void timeLocal_negativeOffset_convertsToUtc() {
    assertEquals(
        millis("2026-01-01T04:59:59Z"), parse("time_local", UTC, "31/Dec/2025:23:59:59 -0500"));
  }

  @Test
  void timeLocal_offsetWins_overConfiguredZone() {
    assertEquals(
        parse("time_local", UTC, "10/Oct/2026:13:55:36 +0800"),
        parse("time_local", NEW_YORK, "10/Oct/2026:13:55:36 +0800"));
  }

  @Test
  void timeLocal_leapDay_parses() {
    assertEquals(
        millis("2028-02-29T00:00:00Z"), parse("time_local", UTC, "29/Feb/2028:00:00:00 +0000"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "29/Feb/2026:00:00:00 +0000",
        "31/Apr/2026:00:00:00 +0000",
        "10/oct/2026:13:55:36 +0800",
        "10/Oct/2026:24:00:00 +0800",
        "10/Oct/2026:13:60:00 +0800",
        "10/Oct/2026:13:55:60 +0800",
        "10/Oct/2026:13:55:36 0800",
        "10/Oct/2026:13:55:36 +1900",
        "10/Oct/2026:13:55:36 +08:0",
        "10/Oct/2026:13:55:36",
        "1/Oct/2026:13:55:36 +0800",
        "10/Oct/2026:13:55:36 +0800 ",
        "",
        "-",
        "10/Oct/20x6:13:55:36 +0800",
        "00/Oct/2026:13:55:36 +0800"
      })
  void timeLocal_malformed_isInvalid(String value) {
    assertEquals(TimeParser.INVALID, parse("time_local", UTC, value));
  }

  @Test
  void timeLocal_year9999_parsesSoTheWindowCanRejectIt() {
    assertEquals(
        millis("9999-12-31T23:59:59Z"), parse("time_local", UTC, "31/Dec/9999:23:59:59 +0000"));
  }

  @Test
  void timeLocal_randomInstants_matchJavaTime() {
    Random rnd = new Random(42);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    TimeParser parser = TimeParsers.forSpec("time_local", UTC);
    for (int i = 0; i < 20_000; i++) {
      long seconds = (long) (rnd.nextDouble() * 8_000_000_000L) - 1_000_000_000L;
      ZoneOffset offset = ZoneOffset.ofTotalSeconds((rnd.nextInt(49) - 24) * 1800);
      String text = ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds), offset).format(f);
      byte[] b = bytes(text);
      assertEquals(seconds * 1000, parser.parse(b, 0, b.length), text);
    }
  }

  @Test
  void iso8601_withOffsetOrZ_ignoresZone() {
    assertEquals(
        millis("2026-10-10T05:55:36Z"), parse("iso8601", NEW_YORK, "2026-10-10T13:55:36+08:00"));
    assertEquals(
        millis("2026-10-10T13:55:36Z"), parse("iso8601", NEW_YORK, "2026-10-10T13:55:36Z"));
    assertEquals(
        millis("2026-10-10T05:55:36Z"), parse("iso8601", NEW_YORK, "2026-10-10T13:55:36+0800"));
  }

  @Test
  void iso8601_withoutSeconds_parses() {
    assertEquals(millis("2026-10-10T05:55:00Z"), parse("iso8601", UTC, "2026-10-10T13:55+08:00"));
  }

  @Test
  void iso8601_fraction_keepsMillis() {
    assertEquals(
        millis("2026-10-10T13:55:36.123Z"), parse("iso8601", UTC, "2026-10-10T13:55:36.123456Z"));
  }

  @Test
  void iso8601_withoutOffset_usesConfiguredZone() {
    assertEquals(millis("2026-10-10T05:55:36Z"), parse("iso8601", SHANGHAI, "2026-10-10T13:55:36"));
  }

  @Test
  void iso8601_withoutOffset_followsDaylightSaving() {
    // New York: EDT (-4) in July, EST (-5) in January.
    assertEquals(millis("2026-07-01T16:00:00Z"), parse("iso8601", NEW_YORK, "2026-07-01T12:00:00"));
    assertEquals(millis("2026-01-01T17:00:00Z"), parse("iso8601", NEW_YORK, "2026-01-01T12:00:00"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-10-10",
        "2026-13-10T13:55:36Z",
        "2026-10-10T13:55:36+25:00",
        "2026-10-10T13:55:36.Z",
        "2026-10-10X13:55:36Z",
        "2026-10-10T13:55:36ZZ"
      })
  void iso8601_malformed_isInvalid(String value) {
    assertEquals(TimeParser.INVALID, parse("iso8601", UTC, value));
  }

  @Test
  void msec_secondsWithMillis_parses() {
    assertEquals(1_760_075_736_123L, parse("msec", UTC, "1760075736.123"));
    assertEquals(1_760_075_736_000L, parse("epoch_s", UTC, "1760075736"));
    assertEquals(1_760_075_736_120L, parse("epoch_s", UTC, "1760075736.12"));
  }

  @Test
  void epochMs_integer_parses() {
    assertEquals(1_760_075_736_123L, parse("epoch_ms", UTC, "1760075736123"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "1.2.3", "12a", "1760075736.", "9999999999999999", "1e9"})
  void epoch_malformed_isInvalid(String value) {
    assertEquals(TimeParser.INVALID, parse("epoch_s", UTC, value));
  }

  @Test
  void pattern_withoutZone_usesConfiguredZone() {
    assertEquals(
        millis("2026-11-22T05:55:36Z"),
        parse("pattern:yyyy/MM/dd HH:mm:ss", SHANGHAI, "2026/11/22 13:55:36"));
  }

  @Test
  void pattern_withOffset_usesOffset() {
    assertEquals(
        millis("2026-11-22T14:55:36Z"),
        parse("pattern:dd.MM.yyyy HH:mm:ss XX", SHANGHAI, "22.11.2026 13:55:36 -0100"));
  }

  @Test
  void pattern_garbage_isInvalid() {
    assertEquals(TimeParser.INVALID, parse("pattern:yyyy/MM/dd HH:mm:ss", UTC, "yesterday"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pattern:yyyy-MM-dd", "pattern:HH:mm:ss", "pattern:{{", "rfc822", ""})
  void forSpec_unusable_throws(String spec) {
    assertThrows(IllegalArgumentException.class, () -> TimeParsers.forSpec(spec, UTC));
  }

  @Test
  void caching_repeatedAndChangingValues_matchUncached() {
    TimeParser cached = TimeParsers.forSpec("time_local", UTC);
    TimeParser plain = new TimeLocalParser();
    String[] values = {
      "10/Oct/2026:13:55:36 +0800",
      "10/Oct/2026:13:55:36 +0800",
      "10/Oct/2026:13:55:37 +0800",
      "10/Oct/2026:13:55:36 +0000",
      "bad",
      "10/Oct/2026:13:55:37 +0800"
    };
    for (String v : values) {
      byte[] b = bytes("[" + v + "]");
      assertEquals(plain.parse(b, 1, b.length - 1), cached.parse(b, 1, b.length - 1), v);
    }
  }

  @Test
  void epochDay_randomDates_matchLocalDate() {
    Random rnd = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      LocalDate d = LocalDate.ofEpochDay(rnd.nextInt(4_000_000) - 1_000_000);
      assertEquals(
          d.toEpochDay(),
          CivilTime.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()),
          d.toString());
    }
  }

  @Test
  void iso8601_dstGap_movesForwardLikeJavaTime() {
    long expected = LocalDateTime.of(2026, 3, 8, 2, 30).atZone(NEW_YORK).toInstant().toEpochMilli();
    assertEquals(expected, parse("iso8601", NEW_YORK, "2026-03-08T02:30:00"));
    assertTrue(expected > 0);
  }
}
