package io.accesslog.flume.core;

import java.util.Locale;

/**
 * A quantity as users write it: digits (with optional {@code _} separators), then an optional unit
 * (any case, optionally after a space). Shared by {@link Durations} and {@link Sizes}.
 */
final class Quantity {
  final long number;

  /** Lower-cased; empty when there is none. */
  final String unit;

  private Quantity(long number, String unit) {
    this.number = number;
    this.unit = unit;
  }

  /**
   * @throws IllegalArgumentException "not a {@code what} ({@code syntax})"
   */
  static Quantity parse(String raw, String what, String syntax) {
    String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT).replace("_", "");
    int digits = 0;
    while (digits < s.length() && s.charAt(digits) >= '0' && s.charAt(digits) <= '9') {
      digits++;
    }
    if (digits == 0 || digits > 18) {
      throw new IllegalArgumentException("not a " + what + " (" + syntax + ")");
    }
    return new Quantity(Long.parseLong(s.substring(0, digits)), s.substring(digits).trim());
  }

  IllegalArgumentException unknownUnit(String syntax) {
    return new IllegalArgumentException("unknown unit '" + unit + "' (" + syntax + ")");
  }
}
