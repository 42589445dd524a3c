package io.accesslog.flume.interceptor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds the {@link TimeParser} a {@code time.format} value names. */
final class TimeParsers {
  static final String TIME_LOCAL = "time_local";
  static final String ISO8601 = "iso8601";
  static final String MSEC = "msec";
  static final String EPOCH_S = "epoch_s";
  static final String EPOCH_MS = "epoch_ms";
  static final String PATTERN_PREFIX = "pattern:";
  static final String ALLOWED =
      "time_local, iso8601, msec, epoch_s, epoch_ms or pattern:<java DateTimeFormatter pattern>";

  private TimeParsers() {}

  /**
   * What {@code time.format = auto} means for a format and time field: the nginx variables {@code
   * time_local}, {@code time_iso8601} and {@code msec} name their format; else null.
   */
  static String inferAuto(String format, String timeField) {
    if (!format.equals("nginx")) {
      return null;
    }
    return timeField.equals("time_local")
        ? TIME_LOCAL
        : timeField.equals("time_iso8601") ? ISO8601 : timeField.equals("msec") ? MSEC : null;
  }

  /**
   * @throws IllegalArgumentException with a reason when the spec is unknown or the pattern cannot
   *     produce a complete date-time
   */
  static TimeParser forSpec(String spec, ZoneId zone) {
    switch (spec) {
      case TIME_LOCAL:
        return new CachingTimeParser(new TimeLocalParser());
      case ISO8601:
        return new CachingTimeParser(new Iso8601Parser(zone));
      case MSEC:
      case EPOCH_S:
        return EpochParser.seconds();
      case EPOCH_MS:
        return EpochParser.millis();
      default:
        if (spec.startsWith(PATTERN_PREFIX)) {
          return new CachingTimeParser(pattern(spec.substring(PATTERN_PREFIX.length()), zone));
        }
        throw new IllegalArgumentException("unknown time format");
    }
  }

  private static PatternTimeParser pattern(String pattern, ZoneId zone) {
    DateTimeFormatter formatter;
    try {
      formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid pattern: " + e.getMessage(), e);
    }
    // Fail at startup, not on every line: the pattern must round-trip a full date-time.
    Instant probe = Instant.parse("2026-11-22T13:55:36Z");
    String sample;
    try {
      sample = formatter.withZone(zone).format(probe);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("pattern cannot format a date-time: " + e.getMessage(), e);
    }
    PatternTimeParser parser = new PatternTimeParser(formatter, zone);
    byte[] bytes = sample.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long parsed = parser.parse(bytes, 0, bytes.length);
    if (parsed / 1000 != probe.getEpochSecond()) {
      throw new IllegalArgumentException(
          "pattern does not identify a full date and time to the second (sample '" + sample + "')");
    }
    return parser;
  }
}
