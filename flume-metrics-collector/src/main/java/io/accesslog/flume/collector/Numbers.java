package io.accesslog.flume.collector;

/** Reading the numbers in a report: Flume's /metrics map carries every value as a string. */
final class Numbers {
  private Numbers() {}

  /** The value as a finite double, or {@code null} when it is not a number. */
  static Double parse(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > 40) {
      return null;
    }
    char first = raw.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '.')) {
      return null;
    }
    try {
      double value = Double.parseDouble(raw);
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
