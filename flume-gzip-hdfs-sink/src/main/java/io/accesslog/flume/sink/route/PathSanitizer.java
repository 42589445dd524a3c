package io.accesslog.flume.sink.route;

/**
 * The one rule that turns an untrusted value (a header, the writer id) into a safe HDFS path
 * component. Header values come from arbitrary HTTP clients via the log line, so nothing about
 * them may be trusted: they must never climb out of the root, create hidden names, or collide.
 *
 * <p>The rule, applied to each UTF-16 char of the value:
 *
 * <ol>
 *   <li>{@code [A-Za-z0-9._-]} is kept; every other char (including {@code / \ % ~}, space,
 *       control chars, NUL and non-ASCII) becomes {@code _}.
 *   <li>A leading {@code .} becomes {@code _}, so {@code .}, {@code ..} and hidden names are
 *       impossible.
 *   <li>A value that is null, empty, or contains no ASCII letter or digit after step 1 (for example
 *       {@code ""}, {@code "/"}, {@code ".."}, {@code "-"}, {@code "%%"}) is unusable: {@link
 *       #sanitize} returns null and the caller substitutes {@code route.missingValue}.
 *   <li>A value longer than {@value #MAX_LENGTH} chars becomes its first {@value #KEPT_PREFIX}
 *       sanitized chars, {@code ~}, and 8 lowercase hex digits of a 32-bit hash of the
 *       <em>original</em> value. {@code ~} is never kept from input, so a shortened value can never
 *       equal a short one, and the hash keeps long values with a common prefix apart.
 * </ol>
 *
 * <p>The output alphabet is therefore {@code [A-Za-z0-9._~-]}, at most 64 chars, never starting
 * with {@code .}. Clean short values are returned as the same instance (no allocation).
 */
final class PathSanitizer {
  static final int MAX_LENGTH = 64;
  static final int KEPT_PREFIX = 55;
  static final char REPLACEMENT = '_';
  static final char SHORTENED_MARK = '~';

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PathSanitizer() {}

  /** The sanitized value, or null when the value is unusable and must be treated as missing. */
  static String sanitize(String raw) {
    if (raw == null) {
      return null;
    }
    int n = raw.length();
    boolean clean = n > 0 && raw.charAt(0) != '.';
    boolean hasLetterOrDigit = false;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (isLetterOrDigit(c)) {
        hasLetterOrDigit = true;
      } else if (c != '.' && c != '_' && c != '-') {
        clean = false;
      }
    }
    if (!hasLetterOrDigit) {
      return null;
    }
    if (clean && n <= MAX_LENGTH) {
      return raw;
    }
    int kept = n <= MAX_LENGTH ? n : KEPT_PREFIX;
    char[] out = new char[Math.min(n, MAX_LENGTH)];
    for (int i = 0; i < kept; i++) {
      char c = raw.charAt(i);
      out[i] = isSafe(c) ? c : REPLACEMENT;
    }
    if (out[0] == '.') {
      out[0] = REPLACEMENT;
    }
    if (n > MAX_LENGTH) {
      out[KEPT_PREFIX] = SHORTENED_MARK;
      int h = hash(raw);
      for (int i = 0; i < 8; i++) {
        out[KEPT_PREFIX + 1 + i] = HEX[(h >>> (28 - 4 * i)) & 0xF];
      }
    }
    return new String(out);
  }

  /** True when {@code value} passes through {@link #sanitize} unchanged. */
  static boolean isClean(String value) {
    return value != null && value.equals(sanitize(value));
  }

  static boolean isSafe(char c) {
    return isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * FNV-1a over the chars, then a murmur3 finalizer. Not String.hashCode: its collisions are
   * trivial to construct ("Aa" vs "BB"), and two long hosts sharing a file would mix their data.
   */
  static int hash(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
