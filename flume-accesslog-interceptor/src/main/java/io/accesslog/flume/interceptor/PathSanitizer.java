package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;

/**
 * Turns an untrusted value (a log field or a header) into a string that is safe as one HDFS path
 * component and visible to Hadoop: Hadoop, Hive and Spark skip every path component that starts
 * with {@code _} or {@code .}, so a good line under such a name would be invisible downstream.
 *
 * <p>This is the gzip HDFS sink's rule ({@code io.accesslog.flume.sink.route.PathSanitizer}) byte
 * for byte, preceded by ASCII case folding; both modules test it against the same vector file,
 * {@code path-rule-vectors.txt}, so change both or neither. Because every output is canonical, the
 * sink uses the interceptor's values as they are and never rewrites them again.
 *
 * <p>The rule, for a value {@code v} and the length limit {@code L} ({@code value.maxLength},
 * 10..64, default 64):
 *
 * <ol>
 *   <li>ASCII letters are lower-cased (with {@code foldCase}, the interceptor's default: host
 *       names are case-insensitive, and {@code App} next to {@code app} would split one bucket).
 *   <li>Empty: null (the caller treats the value as missing).
 *   <li><em>Canonical</em> values are kept: at most {@code L} chars, an ASCII letter or digit
 *       first, the rest {@code [a-z0-9._-]}, optionally ending in {@code ~} and 8 lowercase hex
 *       digits (the mark step 4 leaves, so a rewritten value is a fixed point).
 *   <li>Anything else is rewritten: each maximal run of bytes outside {@code [a-z0-9._-]} becomes
 *       one {@code _} (a multi-byte UTF-8 char is one run, as one char is in the sink), {@code x}
 *       is put in front unless the result starts with a letter or digit, the result is cut to
 *       {@code L - 9} chars, and {@code ~} plus 8 hex digits of a hash of the (folded) value's
 *       UTF-8 bytes is appended.
 * </ol>
 *
 * <p>So a result is never empty, {@code .}, {@code ..}, or starting with {@code _ . - ~}; values
 * that differ only in unsafe bytes keep different hashes; and a rewritten value (ending in {@code
 * ~hhhhhhhh}, which no clean input keeps) never equals one that passed unchanged. Configured values
 * ({@code static:}, map values, {@code error.unknownValue}) must be canonical and unmarked; only
 * {@code error.type} may start with {@code _}, to hide the error bucket on purpose.
 *
 * <p>Stateless and thread-safe.
 */
final class PathSanitizer {
  static final int MAX_LENGTH = 64;
  static final int HASH_DIGITS = 8;
  static final int SUFFIX_LENGTH = 1 + HASH_DIGITS;
  static final int MIN_LENGTH = 1 + SUFFIX_LENGTH;
  static final char REWRITE_MARK = '~';
  static final char PREFIX = 'x';

  private static final boolean[] SAFE = new boolean[256];
  private static final boolean[] ALNUM = new boolean[256];
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ALNUM[c] = true;
      ALNUM[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALNUM[c] = true;
    }
    System.arraycopy(ALNUM, 0, SAFE, 0, 256);
    SAFE['.'] = true;
    SAFE['_'] = true;
    SAFE['-'] = true;
  }

  private final int maxLength;
  private final boolean foldCase;

  /** The interceptor's sanitizer: folds case. */
  PathSanitizer(int maxLength) {
    this(maxLength, true);
  }

  PathSanitizer(int maxLength, boolean foldCase) {
    if (maxLength < MIN_LENGTH || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "maxLength must be in [" + MIN_LENGTH + ", " + MAX_LENGTH + "], was " + maxLength);
    }
    this.maxLength = maxLength;
    this.foldCase = foldCase;
  }

  int maxLength() {
    return maxLength;
  }

  /** Sanitizes the UTF-8 bytes {@code bytes[from, to)}; returns null only for an empty range. */
  String sanitize(byte[] bytes, int from, int to) {
    if (from >= to) {
      return null;
    }
    if (isCanonical(bytes, from, to)) {
      // The common case (an already clean host name): one String, no scratch array.
      String s = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
      return foldCase ? lowerAscii(s) : s;
    }
    int keep = maxLength - SUFFIX_LENGTH;
    char[] out = new char[maxLength];
    int n = 0;
    boolean inUnsafeRun = false;
    for (int i = from; i < to; i++) {
      int c = fold(bytes[i] & 0xFF);
      char o;
      if (SAFE[c]) {
        o = (char) c;
        inUnsafeRun = false;
      } else if (inUnsafeRun) {
        continue;
      } else {
        o = '_';
        inUnsafeRun = true;
      }
      if (n == 0 && !ALNUM[o]) {
        out[n++] = PREFIX;
      }
      if (n >= keep) {
        break;
      }
      out[n++] = o;
    }
    out[n++] = REWRITE_MARK;
    int h = hash(bytes, from, to);
    for (int i = 0; i < HASH_DIGITS; i++) {
      out[n++] = HEX[(h >>> (28 - 4 * i)) & 0xF];
    }
    return new String(out, 0, n);
  }

  /** Sanitizes a header or configuration value; returns null for null or empty input. */
  String sanitize(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (isCanonical(value)) {
      return value; // the common case: a clean header value is used as is, no allocation
    }
    byte[] bytes = utf8(value);
    return sanitize(bytes, 0, bytes.length);
  }

  /**
   * True when {@link #sanitize(String)} returns {@code value} itself: canonical and, when folding,
   * without upper-case letters.
   */
  boolean isCanonical(String value) {
    int n = value == null ? 0 : value.length();
    if (n == 0 || n > maxLength) {
      return false;
    }
    char first = value.charAt(0);
    if (first >= 0x80 || !ALNUM[first] || (foldCase && isUpper(first))) {
      return false;
    }
    int end = n;
    if (isRewrittenForm(value)) {
      for (int i = n - HASH_DIGITS; i < n; i++) {
        char c = value.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      end = n - SUFFIX_LENGTH;
    }
    for (int i = 1; i < end; i++) {
      char c = value.charAt(i);
      if (c >= 0x80 || !SAFE[c] || (foldCase && isUpper(c))) {
        return false;
      }
    }
    return true;
  }

  /** A configured value (static, map value, unknown value): canonical and not a rewrite's output. */
  boolean isSafe(String value) {
    return isCanonical(value) && !isRewrittenForm(value);
  }

  /** {@code error.type}: a safe value, or {@code _} followed by one, to hide the bucket on purpose. */
  boolean isSafeErrorType(String value) {
    if (value != null && value.length() > 1 && value.charAt(0) == '_') {
      return value.length() <= maxLength && isSafe(value.substring(1));
    }
    return isSafe(value);
  }

  /** True when {@code value} ends in the mark a rewrite appends ({@code ~} and 8 chars). */
  static boolean isRewrittenForm(String value) {
    int n = value.length();
    return n >= MIN_LENGTH && value.charAt(n - SUFFIX_LENGTH) == REWRITE_MARK;
  }

  /**
   * True when {@code sanitized}, the result for {@code bytes[from, to)}, is not just the (folded)
   * input: the rule had to rewrite it. O(1) unless the result carries the rewrite mark.
   */
  boolean rewrote(String sanitized, byte[] bytes, int from, int to) {
    if (!isRewrittenForm(sanitized)) {
      return false;
    }
    if (sanitized.length() != to - from) {
      return true;
    }
    for (int i = 0; i < sanitized.length(); i++) {
      if (sanitized.charAt(i) != fold(bytes[from + i] & 0xFF)) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #rewrote(String, byte[], int, int)} for a header value. */
  boolean rewrote(String sanitized, String raw) {
    if (!isRewrittenForm(sanitized)) {
      return false;
    }
    if (sanitized.length() != raw.length()) {
      return true;
    }
    for (int i = 0; i < sanitized.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 0x80 || sanitized.charAt(i) != fold(c)) {
        return true;
      }
    }
    return false;
  }

  private int fold(int c) {
    return foldCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private boolean isCanonical(byte[] bytes, int from, int to) {
    int n = to - from;
    if (n > maxLength || !ALNUM[bytes[from] & 0xFF]) {
      return false;
    }
    int end = to;
    if (n >= MIN_LENGTH && bytes[to - SUFFIX_LENGTH] == REWRITE_MARK) {
      for (int i = to - HASH_DIGITS; i < to; i++) {
        int c = fold(bytes[i] & 0xFF);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      end = to - SUFFIX_LENGTH;
    }
    for (int i = from + 1; i < end; i++) {
      if (!SAFE[bytes[i] & 0xFF]) {
        return false;
      }
    }
    return true;
  }

  private static String lowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (isUpper(s.charAt(i))) {
        char[] c = s.toCharArray();
        for (int j = i; j < c.length; j++) {
          if (isUpper(c[j])) {
            c[j] = (char) (c[j] + ('a' - 'A'));
          }
        }
        return new String(c);
      }
    }
    return s;
  }

  /**
   * FNV-1a over the (folded) bytes, then a murmur3 finalizer: the sink's hash of the same value's
   * UTF-8 bytes.
   */
  private int hash(byte[] bytes, int from, int to) {
    int h = 0x811c9dc5;
    for (int i = from; i < to; i++) {
      h = (h ^ fold(bytes[i] & 0xFF)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** UTF-8, with a lone surrogate as its 3-byte form (as the sink hashes it), never '?'. */
  static byte[] utf8(String s) {
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | (c >>> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate((char) c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint((char) c, s.charAt(++i));
        out[n++] = (byte) (0xF0 | (cp >>> 18));
        out[n++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[n++] = (byte) (0xE0 | (c >>> 12));
        out[n++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
