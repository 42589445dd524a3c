package io.accesslog.flume.sink.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Sizes (powers of 1024) and durations as users write them in .properties files. */
public final class Units {
  private Units() {}

  private static final Map<String, Long> BYTE_UNITS =
      units(
          "", 1L, "b", 1L, "k", 1L << 10, "kb", 1L << 10, "kib", 1L << 10, "m", 1L << 20, "mb",
          1L << 20, "mib", 1L << 20, "g", 1L << 30, "gb", 1L << 30, "gib", 1L << 30, "t", 1L << 40,
          "tb", 1L << 40, "tib", 1L << 40);
  private static final Map<String, Long> TIME_UNITS =
      units(
          "",
          1L,
          "ms",
          1L,
          "s",
          1000L,
          "m",
          60_000L,
          "min",
          60_000L,
          "h",
          3_600_000L,
          "d",
          86_400_000L);

  /** {@code 5242880}, {@code 5MB}, {@code 5m}, {@code 5MiB}, {@code 64k}: all powers of 1024. */
  public static long parseBytes(String raw, String allowed) {
    return parse(raw, allowed, BYTE_UNITS);
  }

  /** {@code 120000}, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}. */
  public static long parseMillis(String raw, String allowed) {
    return parse(raw, allowed, TIME_UNITS);
  }

  /**
   * Digits, then an optional unit from {@code units} (case-insensitive); {@code _} separators
   * allowed.
   */
  private static long parse(String raw, String allowed, Map<String, Long> units) {
    String s = raw.trim().toLowerCase(Locale.ROOT).replace("_", "");
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    Long multiplier = units.get(s.substring(i).trim());
    if (i == 0 || multiplier == null) {
      throw new IllegalArgumentException(allowed);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s.substring(0, i)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(allowed, e);
    }
  }

  private static Map<String, Long> units(Object... pairs) {
    Map<String, Long> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Long) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  public static String formatBytes(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + "GB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + "KB";
    }
    return Long.toString(bytes);
  }

  public static String formatMillis(long millis) {
    if (millis >= 3_600_000 && millis % 3_600_000 == 0) {
      return (millis / 3_600_000) + "h";
    }
    if (millis >= 60_000 && millis % 60_000 == 0) {
      return (millis / 60_000) + "m";
    }
    if (millis >= 1000 && millis % 1000 == 0) {
      return (millis / 1000) + "s";
    }
    return millis + "ms";
  }
}
