package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;

/** Decimal parsing straight from bytes: the common integer and fixed-point forms fast. */
final class Decimals {
  private static final double[] POW10 = {
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
    1e18
  };

  private Decimals() {}

  static double parse(byte[] b, int from, int to) {
    int i = from;
    if (i >= to) {
      return Double.NaN;
    }
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    boolean dot = false;
    int start = i;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        if (digits >= 18) {
          return slow(b, from, to);
        }
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (dot) {
          fraction++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return slow(b, from, to);
      }
    }
    if (digits == 0 || i == start) {
      return Double.NaN;
    }
    double v = mantissa / POW10[fraction];
    return negative ? -v : v;
  }

  private static double slow(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
