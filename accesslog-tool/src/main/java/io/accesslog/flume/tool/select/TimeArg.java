package io.accesslog.flume.tool.select;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --from}/{@code --to} values: ISO-8601 with an offset ({@code 2026-12-07T13:00:00+08:00},
 * {@code 2026-12-07T13:00Z}, seconds optional), {@code now}, or relative to now ({@code -2h},
 * {@code -30m}, {@code -1d}, {@code -90s}). A time without an offset is refused: an access log
 * question is always about some zone, and guessing it silently gives wrong answers.
 */
public final class TimeArg {
  private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})(s|m|h|d)");

  private TimeArg() {}

  /**
   * @throws IllegalArgumentException naming the option, the value and the accepted forms
   */
  public static Instant parse(String option, String value, Instant now) {
    String v = value.trim();
    if (v.equals("now")) {
      return now;
    }
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      return now.minus(d);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      String hint =
          v.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+") ? " (it has no offset: add Z or +08:00)" : "";
      throw new IllegalArgumentException(
          option
              + " '"
              + value
              + "' is not a time"
              + hint
              + "; accepted: ISO-8601 with an offset (2026-12-07T13:00Z, 2026-12-07T13:00:00+08:00), now,"
              + " or relative like -2h, -30m, -1d, -90s");
    }
  }

  /**
   * A duration like {@code 1m}, {@code 5m}, {@code 1h}, {@code 30s}, {@code 1d} for {@code
   * --every}.
   */
  public static Duration duration(String option, String value) {
    Matcher m = Pattern.compile("(\\d{1,9})(s|m|h|d)").matcher(value.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          option
              + " '"
              + value
              + "' is not a duration; accepted: a positive number with s, m, h or d (30s, 1m, 5m, 1h, 1d)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
