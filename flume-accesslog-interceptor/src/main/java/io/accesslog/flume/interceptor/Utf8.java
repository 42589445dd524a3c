package io.accesslog.flume.interceptor;

/**
 * Strict UTF-8 well-formedness check (RFC 3629): rejects overlong forms, UTF-16 surrogates and code
 * points above U+10FFFF, like the JDK decoder in REPORT mode but without allocating.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isWellFormed(byte[] b, int from, int to) {
    // ASCII fast path: the run up to the first byte >= 0x80, eight bytes per step.
    int i = ByteScan.firstNonAscii(b, from, to);
    while (i < to) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      if (c >= 0xC2 && c <= 0xDF) {
        if (i + 1 >= to || !isContinuation(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        if (i + 2 >= to || !isContinuation(b[i + 1]) || !isContinuation(b[i + 2])) {
          return false;
        }
        int cp = ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
          return false;
        }
        i += 3;
      } else if (c >= 0xF0 && c <= 0xF4) {
        if (i + 3 >= to
            || !isContinuation(b[i + 1])
            || !isContinuation(b[i + 2])
            || !isContinuation(b[i + 3])) {
          return false;
        }
        int cp =
            ((c & 0x07) << 18)
                | ((b[i + 1] & 0x3F) << 12)
                | ((b[i + 2] & 0x3F) << 6)
                | (b[i + 3] & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) {
          return false;
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
