package io.accesslog.flume.sink.route;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One local clock hour in the configured zone: where it starts, and its time escapes already
 * rendered, so templates never format dates per event.
 *
 * <p>All escapes describe the <em>hour bucket</em>, not the event: a file holds a whole hour, so
 * {@code %M} and {@code %S} are always {@code 00} and {@code %s} is the bucket start in epoch
 * seconds.
 */
final class HourBucket {
  /** Escape letters in index order; {@link #field(int)} takes the index. */
  static final String ESCAPES = "YymdHMSjs";

  static final long HOUR_MILLIS = 3_600_000L;

  /** Hours since 1970-01-01T00:00 in local time; with {@link #offsetMillis} it names the bucket. */
  final long localHour;

  final int offsetMillis;

  /** Epoch millis of the start of the local hour (may be before 1970 only near the epoch). */
  final long startMillis;

  /**
   * Event times in [fastFrom, fastUntil) are known to fall in this bucket without consulting zone
   * rules. Empty when a zone transition falls inside the hour.
   */
  final long fastFrom;

  final long fastUntil;
  private final String[] fields;

  HourBucket(long localHour, int offsetMillis, boolean uniformOffset) {
    this.localHour = localHour;
    this.offsetMillis = offsetMillis;
    this.startMillis = localHour * HOUR_MILLIS - offsetMillis;
    this.fastFrom = uniformOffset ? startMillis : 0;
    this.fastUntil = uniformOffset ? startMillis + HOUR_MILLIS : 0;
    // Local fields come from the local hour number, never from re-converting startMillis through
    // the zone: around a transition that is not on an hour boundary, those two disagree.
    LocalDateTime t = LocalDateTime.ofEpochSecond(localHour * 3600, 0, ZoneOffset.UTC);
    this.fields =
        new String[] {
          pad(t.getYear(), 4),
          pad(Math.floorMod(t.getYear(), 100), 2),
          pad(t.getMonthValue(), 2),
          pad(t.getDayOfMonth(), 2),
          pad(t.getHour(), 2),
          "00",
          "00",
          pad(t.getDayOfYear(), 3),
          Long.toString(Math.floorDiv(startMillis, 1000L))
        };
  }

  /** Index of escape letter {@code c} for {@link #field(int)}, or -1 if unsupported. */
  static int escapeIndex(char c) {
    return ESCAPES.indexOf(c);
  }

  String field(int escapeIndex) {
    return fields[escapeIndex];
  }

  private static String pad(int value, int width) {
    String s = Integer.toString(value);
    StringBuilder b = new StringBuilder(width);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s).toString();
  }
}
