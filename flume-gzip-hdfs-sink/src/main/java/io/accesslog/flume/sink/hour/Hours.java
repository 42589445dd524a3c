package io.accesslog.flume.sink.hour;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Local clock hours of the sink's zone as epoch millis, and an hour directory's glob. Pure. */
public final class Hours {
  private final ZoneId zone;
  private final long closeMinuteMillis;

  public Hours(ZoneId zone, int closeMinute) {
    this.zone = zone;
    this.closeMinuteMillis = closeMinute * 60_000L;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Start of the local hour holding {@code millis}. */
  public long floor(long millis) {
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone)
        .truncatedTo(ChronoUnit.HOURS)
        .toInstant()
        .toEpochMilli();
  }

  /** Start of the local hour after the one starting at {@code hourStart}. */
  public long next(long hourStart) {
    return floor(hourStart + 3_600_000L);
  }

  /**
   * The first hour not yet closed at {@code now}: every hour before it has passed {@code
   * roll.closeMinute} of the next hour.
   */
  public long firstOpen(long now) {
    return floor(now - closeMinuteMillis);
  }

  /**
   * A Hadoop glob for the directories of one hour: {@code %{header}} becomes {@code *}, the time
   * escapes the hour's values (as the sink's route renders them), {@code %%} a percent sign.
   */
  public String glob(String root, String pathTemplate, long hourStart) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(hourStart), zone);
    StringBuilder b =
        new StringBuilder(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    b.append('/');
    for (int i = 0; i < pathTemplate.length(); i++) {
      char c = pathTemplate.charAt(i);
      if (c != '%' || i + 1 >= pathTemplate.length()) {
        b.append(c);
        continue;
      }
      char e = pathTemplate.charAt(++i);
      switch (e) {
        case '{':
          int end = pathTemplate.indexOf('}', i);
          b.append('*');
          i = end < 0 ? pathTemplate.length() : end;
          break;
        case 'Y':
          b.append(pad(t.getYear(), 4));
          break;
        case 'y':
          b.append(pad(t.getYear() % 100, 2));
          break;
        case 'm':
          b.append(pad(t.getMonthValue(), 2));
          break;
        case 'd':
          b.append(pad(t.getDayOfMonth(), 2));
          break;
        case 'H':
          b.append(pad(t.getHour(), 2));
          break;
        case 'M':
        case 'S':
          b.append("00");
          break;
        case 'j':
          b.append(pad(t.getDayOfYear(), 3));
          break;
        case 's':
          b.append(Math.floorDiv(hourStart, 1000L));
          break;
        case '%':
          b.append('%');
          break;
        default:
          b.append('%').append(e);
      }
    }
    return b.toString();
  }

  /** The template names a directory per hour ({@code %H} or {@code %s}): markers need that. */
  public static boolean hourlyDirectories(String pathTemplate) {
    return pathTemplate.replace("%%", "").contains("%H")
        || pathTemplate.replace("%%", "").contains("%s");
  }

  /** {@code 2026-12-07T13:00Z}-style label of an hour, for logs and the tool. */
  public String label(long hourStart) {
    if (hourStart == WriterState.NONE) {
      return "-";
    }
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(hourStart), zone)
        .toOffsetDateTime()
        .toString();
  }

  private static String pad(int v, int width) {
    StringBuilder s = new StringBuilder(Integer.toString(v));
    while (s.length() < width) {
      s.insert(0, '0');
    }
    return s.toString();
  }
}
