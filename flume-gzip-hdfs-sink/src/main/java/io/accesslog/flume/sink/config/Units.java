package io.accesslog.flume.sink.config;

import java.util.Locale;

/** Sizes (powers of 1024) and durations as users write them in .properties files. */
public final class Units {
  private Units() {}

  /** {@code 5242880}, {@code 5MB}, {@code 5m}, {@code 5MiB}, {@code 64k}: all powers of 1024. */
  public static long parseBytes(String raw, String allowed) {
    String s = raw.trim().toLowerCase(Locale.ROOT).replace("_", "");
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException(allowed);
    }
    String unit = s.substring(i).trim();
    long multiplier;
    switch (unit) {
      case "": case "b": multiplier = 1; break;
      case "k": case "kb": case "kib": multiplier = 1L << 10; break;
      case "m": case "mb": case "mib": multiplier = 1L << 20; break;
      case "g": case "gb": case "gib": multiplier = 1L << 30; break;
      case "t": case "tb": case "tib": multiplier = 1L << 40; break;
      default: throw new IllegalArgumentException(allowed);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s.substring(0, i)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(allowed, e);
    }
  }

  /** {@code 120000}, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}. */
  public static long parseMillis(String raw, String allowed) {
    String s = raw.trim().toLowerCase(Locale.ROOT).replace("_", "");
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException(allowed);
    }
    String unit = s.substring(i).trim();
    long multiplier;
    switch (unit) {
      case "": case "ms": multiplier = 1; break;
      case "s": multiplier = 1000; break;
      case "m": case "min": multiplier = 60_000; break;
      case "h": multiplier = 3_600_000; break;
      case "d": multiplier = 86_400_000; break;
      default: throw new IllegalArgumentException(allowed);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s.substring(0, i)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(allowed, e);
    }
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
