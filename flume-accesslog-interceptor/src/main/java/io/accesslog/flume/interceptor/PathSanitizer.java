package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;

/**
 * Turns an untrusted value (a log field or a header) into a string that is safe as one HDFS path
 * component. The rule, applied in this order:
 *
 * <ol>
 *   <li>ASCII letters are lower-cased (host names are case-insensitive, and {@code App} next to
 *       {@code app} would split one bucket into two directories).
 *   <li>Every maximal run of bytes outside {@code [a-z0-9._-]} becomes a single {@code _}. This
 *       covers {@code /}, {@code \}, {@code %} (Flume path escapes), {@code :}, whitespace,
 *       control bytes and every non-ASCII byte.
 *   <li>A leading {@code .} becomes {@code _}, so the result is never {@code .} or {@code ..}
 *       and never a hidden file name.
 *   <li>The result is cut to {@code maxLength} characters.
 * </ol>
 *
 * <p>A non-empty input therefore always yields a non-empty, safe result: for example {@code
 * ../../etc} becomes {@code _._.._etc}; a {@code ..} inside a component is harmless, only a whole
 * component of {@code .} or {@code ..} navigates. Note that Hadoop input formats skip names
 * starting with {@code _} or {@code .}, so a value that had to be rewritten at its first character
 * is hidden from MapReduce/Hive/Spark jobs; that only happens to values that were not safe to
 * begin with.
 *
 * <p>Stateless and thread-safe.
 */
final class PathSanitizer {
  private static final boolean[] SAFE = new boolean[256];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      SAFE[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      SAFE[c] = true;
    }
    SAFE['.'] = true;
    SAFE['_'] = true;
    SAFE['-'] = true;
  }

  private final int maxLength;

  PathSanitizer(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
    }
    this.maxLength = maxLength;
  }

  int maxLength() {
    return maxLength;
  }

  /** Sanitizes {@code bytes[from, to)}; returns null only for an empty range. */
  String sanitize(byte[] bytes, int from, int to) {
    if (from >= to) {
      return null;
    }
    if (isSafe(bytes, from, to)) {
      // The common case (an already clean host name) costs one String and no scratch array.
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    byte[] out = new byte[Math.min(to - from, maxLength)];
    int n = 0;
    boolean inUnsafeRun = false;
    for (int i = from; i < to && n < out.length; i++) {
      int c = lower(bytes[i] & 0xFF);
      if (SAFE[c]) {
        out[n++] = (byte) c;
        inUnsafeRun = false;
      } else if (!inUnsafeRun) {
        out[n++] = '_';
        inUnsafeRun = true;
      }
    }
    if (out[0] == '.') {
      out[0] = '_';
    }
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Sanitizes a header or configuration value; returns null for null or empty input. */
  String sanitize(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (isSafe(value)) {
      return value; // the common case: a clean header value is used as is, no allocation
    }
    // Non-ASCII chars are unsafe whatever their encoding, so a lossy byte view is enough.
    byte[] bytes = new byte[value.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = value.charAt(i);
      bytes[i] = c < 0x80 ? (byte) c : (byte) 0xFF;
    }
    return sanitize(bytes, 0, bytes.length);
  }

  /** True when {@link #sanitize(String)} would return the value unchanged. */
  boolean isSafe(String value) {
    int n = value == null ? 0 : value.length();
    if (n == 0 || n > maxLength || value.charAt(0) == '.') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80 || !SAFE[c]) {
        return false;
      }
    }
    return true;
  }

  private boolean isSafe(byte[] bytes, int from, int to) {
    if (to - from > maxLength || bytes[from] == '.') {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!SAFE[bytes[i] & 0xFF]) {
        return false;
      }
    }
    return true;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
