package io.accesslog.flume.tool;

import java.math.BigDecimal;

/**
 * Number text for tables and JSON: integers without decimals, others with up to 6 significant
 * decimals.
 */
final class Numbers {
  private Numbers() {}

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(7)).stripTrailingZeros();
    return d.toPlainString();
  }

  static String json(double v) {
    return Double.isNaN(v) ? "null" : format(v);
  }

  static String jsonString(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
