package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escape hatch: a Java regex whose named groups are the fields. Find semantics (anchor with
 * {@code ^...$} to require a whole-line match). A group that did not participate counts as absent.
 * Slower than the nginx scanner; {@code line.maxBytes} bounds the cost of backtracking patterns.
 */
final class RegexLineParser implements LineParser {
  private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final Pattern pattern;
  private final String[] fields;

  RegexLineParser(Pattern pattern, List<String> fieldNames) {
    this.pattern = pattern;
    this.fields = fieldNames.toArray(new String[0]);
  }

  /** Named groups of a pattern; java.util.regex has no API for this before Java 20. */
  static Set<String> groupNames(Pattern pattern) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = GROUP_NAME.matcher(pattern.pattern());
    while (m.find()) {
      int backslashes = 0;
      for (int i = m.start() - 1; i >= 0 && pattern.pattern().charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        names.add(m.group(1));
      }
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public int fieldCount() {
    return fields.length;
  }

  @Override
  public boolean parse(byte[] line, int from, int to, FieldValues values) {
    Matcher m = pattern.matcher(new String(line, from, to - from, StandardCharsets.UTF_8));
    if (!m.find()) {
      return false;
    }
    for (int i = 0; i < fields.length; i++) {
      String v = m.group(fields[i]);
      if (v != null) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        values.set(i, bytes, 0, bytes.length);
      }
    }
    return true;
  }
}
