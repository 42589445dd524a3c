package io.accesslog.flume.core;

import java.nio.charset.StandardCharsets;

/**
 * The one rule that turns an untrusted value (a log field or a header) into a string that is safe
 * as one HDFS path component and visible to Hadoop: Hadoop, Hive and Spark skip every path
 * component that starts with {@code _} or {@code .}, so a good line under such a name would be
 * invisible downstream. The interceptor ({@code foldCase}) and the gzip HDFS sink (case kept,
 * {@link #KEEP_CASE}) both use this class, so they agree byte for byte; the vectors every use is
 * tested against are {@code io/accesslog/flume/core/path-rule-vectors.txt} in this module's test
 * jar.
 *
 * <p>The rule, for a value {@code v} and the length limit {@code L} (10..64):
 *
 * <ol>
 *   <li>With {@code foldCase}, ASCII letters are lower-cased first (host names are
 *       case-insensitive, and {@code App} next to {@code app} would split one bucket).
 *   <li>Empty: null (the caller treats the value as missing).
 *   <li><em>Canonical</em> values are kept: at most {@code L} chars, an ASCII letter or digit
 *       first, the rest {@code [A-Za-z0-9._-]}, optionally ending in {@code ~} and 8 lowercase hex
 *       digits (the mark step 4 leaves, so a rewritten value is a fixed point).
 *   <li>Anything else is rewritten: each maximal run of bytes outside {@code [A-Za-z0-9._-]}
 *       becomes one {@code _} (a multi-byte UTF-8 char is one run), {@code x} is put in front
 *       unless the result starts with a letter or digit, the result is cut to {@code L - 9} chars,
 *       and {@code ~} plus 8 hex digits of a hash (FNV-1a, then a murmur3 finalizer) of the
 *       (folded) value's UTF-8 bytes is appended. Not String.hashCode: its collisions are trivial
 *       to construct ("Aa" vs "BB").
 * </ol>
 *
 * <p>So a result is never empty, {@code .}, {@code ..}, or starting with {@code _ . - ~}; values
 * that differ only in unsafe bytes keep different hashes; and a rewritten value (ending in {@code
 * ~hhhhhhhh}, which no clean input keeps) never equals one that passed unchanged. The one exception
 * is inherent to any rule that leaves its own output alone: a value that already is the rewritten
 * form of another value lands with it.
 *
 * <p>Immutable and thread-safe. Canonical values are returned as the same instance when no case is
 * folded (no allocation).
 */
public final class PathRule {
  public static final int MAX_LENGTH = 64;
  public static final int HASH_DIGITS = 8;
  public static final int SUFFIX_LENGTH = 1 + HASH_DIGITS;
  public static final int MIN_LENGTH = 1 + SUFFIX_LENGTH;
  public static final char REWRITE_MARK = '~';
  public static final char PREFIX = 'x';

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

  /** The sink's rule: case kept, {@link #MAX_LENGTH} chars. */
  public static final PathRule KEEP_CASE = new PathRule(MAX_LENGTH, false);

  /**
   * @param maxLength longest result, {@link #MIN_LENGTH}..{@link #MAX_LENGTH}
   * @param foldCase lower-case ASCII letters before the rule (the interceptor's default)
   */
  public PathRule(int maxLength, boolean foldCase) {
    if (maxLength < MIN_LENGTH || maxLength > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "maxLength must be in [" + MIN_LENGTH + ", " + MAX_LENGTH + "], was " + maxLength);
    }
    this.maxLength = maxLength;
    this.foldCase = foldCase;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Sanitizes the UTF-8 bytes {@code bytes[from, to)}; returns null only for an empty range. */
  public String sanitize(byte[] bytes, int from, int to) {
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
  public String sanitize(String value) {
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
  public boolean isCanonical(String value) {
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

  /**
   * A configured value (static, map value, unknown value): canonical and not a rewrite's output.
   */
  public boolean isSafe(String value) {
    return isCanonical(value) && !isRewrittenForm(value);
  }

  /**
   * {@code error.type}: a safe value, or {@code _} followed by one, to hide the bucket on purpose.
   */
  public boolean isSafeErrorType(String value) {
    if (value != null && value.length() > 1 && value.charAt(0) == '_') {
      return value.length() <= maxLength && isSafe(value.substring(1));
    }
    return isSafe(value);
  }

  /** True when {@code value} ends in the mark a rewrite appends ({@code ~} and 8 chars). */
  public static boolean isRewrittenForm(String value) {
    int n = value.length();
    return n >= MIN_LENGTH && value.charAt(n - SUFFIX_LENGTH) == REWRITE_MARK;
  }

  /**
   * True when {@code sanitized}, the result for {@code bytes[from, to)}, is not just the (folded)
   * input: the rule had to rewrite it. O(1) unless the result carries the rewrite mark.
   */
  public boolean rewrote(String sanitized, byte[] bytes, int from, int to) {
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
  public boolean rewrote(String sanitized, String raw) {
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

  /** True for the chars a canonical value may hold after its first: {@code [A-Za-z0-9._-]}. */
  public static boolean isSafeChar(char c) {
    return c < 0x80 && SAFE[c];
  }

  /** True for an ASCII letter or digit, what a canonical value starts with. */
  public static boolean isLetterOrDigit(char c) {
    return c < 0x80 && ALNUM[c];
  }

  /** {@code foldCase} of this rule. */
  public boolean foldsCase() {
    return foldCase;
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
  public static byte[] utf8(String s) {
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        out[n++] = (byte) c;
      } else if (c < 0x800) {
        out[n++] = (byte) (0xC0 | (c >>> 6));
        out[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate((char) c)
          && i + 1 < s.length()
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
