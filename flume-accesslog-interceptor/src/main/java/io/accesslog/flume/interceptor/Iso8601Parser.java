package io.accesslog.flume.interceptor;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * ISO-8601 date-time as nginx {@code $time_iso8601} writes it ({@code 2026-10-10T13:55:36+08:00})
 * and as JSON loggers usually do: {@code yyyy-MM-dd'T'HH:mm[:ss]}, optional fraction (kept to the
 * millisecond), then {@code Z}, {@code +HH:MM}, {@code +HHMM}, {@code +HH} or nothing. Without an
 * offset the value is local time in {@code zone}; in a DST gap it moves forward, in an overlap it
 * takes the earlier instant ({@link LocalDateTime#atZone}).
 */
final class Iso8601Parser implements TimeParser {
  private final ZoneId zone;
  private final ZoneOffset fixedOffset;

  Iso8601Parser(ZoneId zone) {
    this.zone = zone;
    this.fixedOffset = zone instanceof ZoneOffset ? (ZoneOffset) zone : null;
  }

  @Override
  public long parse(byte[] b, int from, int to) {
    if (to - from < 16
        || b[from + 4] != '-'
        || b[from + 7] != '-'
        || (b[from + 10] != 'T' && b[from + 10] != ' ')
        || b[from + 13] != ':') {
      return INVALID;
    }
    // Seconds are optional in ISO-8601, and java.time's toString() omits ":00".
    boolean hasSeconds = to - from >= 19 && b[from + 16] == ':';
    int year = CivilTime.digits(b, from, 4);
    int month = CivilTime.digits(b, from + 5, 2);
    int day = CivilTime.digits(b, from + 8, 2);
    int hour = CivilTime.digits(b, from + 11, 2);
    int minute = CivilTime.digits(b, from + 14, 2);
    int second = hasSeconds ? CivilTime.digits(b, from + 17, 2) : 0;
    if (year < 0
        || !CivilTime.isValidDate(year, month, day)
        || !CivilTime.isValidTime(hour, minute, second)) {
      return INVALID;
    }
    int i = from + (hasSeconds ? 19 : 16);
    int millis = 0;
    if (hasSeconds && i < to && (b[i] == '.' || b[i] == ',')) {
      i++;
      int start = i;
      int scale = 100;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        millis += (b[i] - '0') * scale;
        scale /= 10;
        i++;
      }
      if (i == start) {
        return INVALID;
      }
    }
    long local =
        CivilTime.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    long offset;
    if (i == to) {
      offset = offsetOf(local, year, month, day, hour, minute, second);
    } else if (to - i == 1 && (b[i] == 'Z' || b[i] == 'z')) {
      offset = 0;
    } else {
      offset = CivilTime.offsetSeconds(b, i, to);
      if (offset == INVALID) {
        return INVALID;
      }
    }
    return (local - offset) * 1000L + millis;
  }

  private long offsetOf(long localSeconds, int y, int mo, int d, int h, int mi, int s) {
    if (fixedOffset != null) {
      return fixedOffset.getTotalSeconds();
    }
    LocalDateTime ldt = LocalDateTime.of(y, mo, d, h, mi, s);
    return localSeconds - ldt.atZone(zone).toEpochSecond();
  }
}
