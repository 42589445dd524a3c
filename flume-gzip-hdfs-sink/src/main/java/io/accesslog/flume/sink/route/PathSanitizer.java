package io.accesslog.flume.sink.route;

/**
 * The one rule that turns an untrusted value (a header) into a safe HDFS path component. Header
 * values come from arbitrary HTTP clients via the log line, so nothing about them may be trusted:
 * they must never climb out of the root, collide, or be <em>hidden</em> — Hadoop, Hive and Spark
 * skip every path component that starts with {@code _} or {@code .}, so a good line under such a
 * name is invisible to every downstream job.
 *
 * <p>The interceptor's {@code PathSanitizer} implements the same rule byte for byte (it folds ASCII
 * case first; this one keeps case). Both modules test it against the same vector file, {@code
 * path-rule-vectors.txt}; change both or neither.
 *
 * <p>The rule, for a value {@code v} and a length limit {@code L} (64 here):
 *
 * <ol>
 *   <li>null or empty: unusable, {@link #sanitize} returns null (the caller substitutes {@code
 *       route.missingValue}).
 *   <li>{@code v} is <em>canonical</em>, and returned as is, when it is at most {@code L} chars,
 *       starts with an ASCII letter or digit, and the rest is {@code [A-Za-z0-9._-]}, optionally
 *       followed by {@code ~} and 8 lowercase hex digits (the form step 3 produces, so a value the
 *       rule already rewrote is never rewritten again).
 *   <li>Otherwise {@code v} is rewritten: every maximal run of chars outside {@code
 *       [A-Za-z0-9._-]} becomes one {@code _} (this covers {@code / \ % ~ $ ;}, space, control
 *       chars and non-ASCII); if the result does not start with a letter or digit, {@code x} is
 *       put in front; it is cut to {@code L - 9} chars; then {@code ~} and 8 hex digits of a hash of
 *       the original value's UTF-8 bytes are appended.
 * </ol>
 *
 * <p>So a result is never empty, never {@code .} or {@code ..}, never starts with {@code _},
 * {@code .}, {@code -} or {@code ~}, and is at most {@code L} chars of {@code [A-Za-z0-9._~-]}. A
 * rewritten value always ends in {@code ~hhhhhhhh}, which no clean value has, so a rewritten value
 * never equals a value that passed unchanged, and two inputs that differ only in unsafe chars keep
 * different hashes (32 bits: distinct rewritten inputs share a name only if their visible parts
 * are equal too and the hashes collide). The one exception is inherent to any rule that leaves its
 * own output alone: a value that already is the rewritten form of another value lands with it.
 *
 * <p>Stateless and thread-safe. Canonical values are returned as the same instance (no
 * allocation).
 */
final class PathSanitizer {
  static final int MAX_LENGTH = 64;
  /** Hex digits of the hash a rewritten value ends with. */
  static final int HASH_DIGITS = 8;
  /** {@code ~} + hash: what a rewrite appends. */
  static final int SUFFIX_LENGTH = 1 + HASH_DIGITS;
  /** The shortest limit that leaves room for one visible char and the suffix. */
  static final int MIN_LENGTH = 1 + SUFFIX_LENGTH;
  static final char REPLACEMENT = '_';
  static final char REWRITE_MARK = '~';
  static final char PREFIX = 'x';

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PathSanitizer() {}

  /** The sanitized value, or null when the value is null or empty and must be treated as missing. */
  static String sanitize(String raw) {
    return sanitize(raw, MAX_LENGTH);
  }

  static String sanitize(String raw, int maxLength) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (isCanonical(raw, maxLength)) {
      return raw;
    }
    int keep = maxLength - SUFFIX_LENGTH;
    StringBuilder b = new StringBuilder(maxLength);
    boolean inUnsafeRun = false;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      char out;
      if (isSafe(c)) {
        out = c;
        inUnsafeRun = false;
      } else if (inUnsafeRun) {
        continue;
      } else {
        out = REPLACEMENT;
        inUnsafeRun = true;
      }
      if (b.length() == 0 && !isLetterOrDigit(out)) {
        b.append(PREFIX);
      }
      if (b.length() >= keep) {
        break;
      }
      b.append(out);
    }
    b.append(REWRITE_MARK);
    int h = hash(raw);
    for (int i = 0; i < HASH_DIGITS; i++) {
      b.append(HEX[(h >>> (28 - 4 * i)) & 0xF]);
    }
    return b.toString();
  }

  /** True when {@code value} passes through {@link #sanitize} unchanged. */
  static boolean isClean(String value) {
    return value != null && isCanonical(value, MAX_LENGTH);
  }

  /** True when {@code value} was produced by a rewrite (ends in {@code ~hhhhhhhh}). */
  static boolean isRewrittenForm(String value) {
    int n = value.length();
    return n >= MIN_LENGTH && value.charAt(n - SUFFIX_LENGTH) == REWRITE_MARK;
  }

  static boolean isCanonical(String v, int maxLength) {
    int n = v.length();
    if (n == 0 || n > maxLength || !isLetterOrDigit(v.charAt(0))) {
      return false;
    }
    int end = n;
    if (n >= MIN_LENGTH && v.charAt(n - SUFFIX_LENGTH) == REWRITE_MARK) {
      for (int i = n - HASH_DIGITS; i < n; i++) {
        char c = v.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      end = n - SUFFIX_LENGTH;
    }
    for (int i = 1; i < end; i++) {
      if (!isSafe(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isSafe(char c) {
    return isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
  }

  static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * FNV-1a over the value's UTF-8 bytes (a lone surrogate counts as its 3-byte form, so distinct
   * strings keep distinct byte sequences), then a murmur3 finalizer. Bytes, not chars, so the
   * interceptor gets the same hash from a line's raw UTF-8 field. Not String.hashCode: its
   * collisions are trivial to construct ("Aa" vs "BB").
   */
  static int hash(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      int c = s.charAt(i);
      if (c < 0x80) {
        h = fnv(h, c);
      } else if (c < 0x800) {
        h = fnv(fnv(h, 0xC0 | (c >>> 6)), 0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate((char) c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint((char) c, s.charAt(++i));
        h = fnv(h, 0xF0 | (cp >>> 18));
        h = fnv(h, 0x80 | ((cp >>> 12) & 0x3F));
        h = fnv(h, 0x80 | ((cp >>> 6) & 0x3F));
        h = fnv(h, 0x80 | (cp & 0x3F));
      } else {
        h = fnv(h, 0xE0 | (c >>> 12));
        h = fnv(h, 0x80 | ((c >>> 6) & 0x3F));
        h = fnv(h, 0x80 | (c & 0x3F));
      }
    }
    return mix(h);
  }

  private static int fnv(int h, int b) {
    return (h ^ b) * 0x01000193;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
