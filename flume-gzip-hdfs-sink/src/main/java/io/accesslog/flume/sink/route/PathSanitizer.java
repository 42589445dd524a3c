package io.accesslog.flume.sink.route;

import io.accesslog.flume.core.PathRule;

/**
 * The sink's use of the one path-component rule, accesslog-core's {@link PathRule} (its javadoc is
 * the normative text), with case kept and the limit {@value #MAX_LENGTH}: header values come from
 * arbitrary HTTP clients via the log line, so nothing about them may be trusted; they must never
 * climb out of the root, collide, or be <em>hidden</em> (Hadoop, Hive and Spark skip every path
 * component that starts with {@code _} or {@code .}). The interceptor applies the same rule after
 * folding case, so the sink never rewrites a value the interceptor already set.
 *
 * <p>Stateless and thread-safe. Canonical values are returned as the same instance (no allocation).
 */
final class PathSanitizer {
  static final int MAX_LENGTH = PathRule.MAX_LENGTH;
  static final int MIN_LENGTH = PathRule.MIN_LENGTH;

  private PathSanitizer() {}

  /**
   * The sanitized value, or null when the value is null or empty and must be treated as missing.
   */
  static String sanitize(String raw) {
    return PathRule.KEEP_CASE.sanitize(raw);
  }

  /** True when {@code value} passes through {@link #sanitize} unchanged. */
  static boolean isClean(String value) {
    return value != null && PathRule.KEEP_CASE.isCanonical(value);
  }

  /** True when {@code value} was produced by a rewrite (ends in {@code ~hhhhhhhh}). */
  static boolean isRewrittenForm(String value) {
    return PathRule.isRewrittenForm(value);
  }

  /** A char a canonical value may hold after its first: {@code [A-Za-z0-9._-]}. */
  static boolean isSafe(char c) {
    return PathRule.isSafeChar(c);
  }

  static boolean isLetterOrDigit(char c) {
    return PathRule.isLetterOrDigit(c);
  }
}
