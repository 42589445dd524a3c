package io.accesslog.flume.core;

import java.util.concurrent.TimeUnit;

/**
 * The one duration grammar users write, in every component: digits, optional {@code _} separators,
 * then a unit, {@code ms}, {@code s}, {@code m} (or {@code min}), {@code h} or {@code d}, in any
 * case, optionally after a space: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}.
 *
 * <p>A bare number is milliseconds, as in stock Flume's {@code *Millis}/{@code *.ms} keys and in
 * the gzip HDFS sink. The metrics reporter used to read a bare number as seconds: its keys declare
 * that legacy unit ({@link ConfigKey#bareNumberIn}), keep reading a bare number that way and log a
 * deprecation. {@code 0} is the same in every unit and never warns.
 */
public final class Durations {
  /** The grammar as the READMEs state it. */
  public static final String SYNTAX = "<n>ms|s|m|h|d";

  private Durations() {}

  /** The value in milliseconds, a bare number being milliseconds. */
  public static long parseMillis(String raw) {
    return parseMillis(raw, TimeUnit.MILLISECONDS);
  }

  /**
   * The value in milliseconds.
   *
   * @param bareUnit what a number without a unit means
   * @throws IllegalArgumentException saying what is allowed
   */
  public static long parseMillis(String raw, TimeUnit bareUnit) {
    Quantity q = Quantity.parse(raw, "duration", SYNTAX);
    long n = q.number;
    long unit = unitMillis(q.unit, bareUnit);
    if (unit < 0) {
      throw q.unknownUnit(SYNTAX);
    }
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("too large", e);
    }
  }

  /** True when {@code raw} is a non-zero number without a unit, read in a key's legacy unit. */
  public static boolean isBareNumber(String raw) {
    String s = raw == null ? "" : raw.trim().replace("_", "");
    if (s.isEmpty()) {
      return false;
    }
    boolean nonZero = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero;
  }

  private static long unitMillis(String unit, TimeUnit bareUnit) {
    switch (unit) {
      case "":
        return bareUnit.toMillis(1);
      case "ms":
        return 1L;
      case "s":
        return 1_000L;
      case "m":
      case "min":
        return 60_000L;
      case "h":
        return 3_600_000L;
      case "d":
        return 86_400_000L;
      default:
        return -1;
    }
  }

  /** The shortest exact form: {@code 2m}, {@code 90s}, {@code 1500ms}, {@code 7d}. */
  public static String format(long millis) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (millis != 0 && millis % units[i] == 0) {
        return (millis / units[i]) + names[i];
      }
    }
    return millis == 0 ? "0s" : millis + "ms";
  }
}
