package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * A user-supplied {@link DateTimeFormatter} pattern (English month/day names). When the parsed text
 * carries an offset or zone, that wins; otherwise it is local time in {@code zone}. This is the
 * slow path, which is why {@link TimeParsers} puts a cache in front of it.
 */
final class PatternTimeParser implements TimeParser {
  private final DateTimeFormatter formatter;
  private final ZoneId zone;

  PatternTimeParser(DateTimeFormatter formatter, ZoneId zone) {
    this.formatter = formatter;
    this.zone = zone;
  }

  @Override
  public long parse(byte[] b, int from, int to) {
    String text = new String(b, from, to - from, StandardCharsets.UTF_8);
    try {
      TemporalAccessor parsed = formatter.parse(text);
      if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
        return Instant.from(parsed).toEpochMilli();
      }
      return LocalDateTime.from(parsed).atZone(zone).toInstant().toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      return INVALID;
    }
  }
}
