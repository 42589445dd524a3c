package io.accesslog.flume.interceptor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled nginx {@code log_format}: the alternation of literal text and {@code $variables}.
 *
 * <p>Accepted definitions: the bare format string, the same wrapped in one or more quoted parts (as
 * in nginx.conf, concatenated), a whole {@code log_format name [escape=..] '...' '...';} directive,
 * or the word {@code combined} for nginx's predefined format.
 *
 * <p>Scanning rule: a variable's value ends at the first occurrence of the literal text that
 * follows it in the format (or at the end of the line for a trailing variable). nginx escapes
 * {@code "} inside logged values (as {@code \x22}), so quoted fields such as the user agent are
 * safe; an unquoted variable must not contain its own delimiter. Two variables with no literal
 * between them are rejected, since no boundary could be found.
 */
final class NginxLogFormat {
  static final String COMBINED =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
          + "\"$http_referer\" \"$http_user_agent\"";

  /** Literals and variable names in order; literals are byte[], variables are String. */
  private final List<Object> segments;

  private NginxLogFormat(List<Object> segments) {
    this.segments = segments;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with the definition
   */
  static NginxLogFormat compile(String definition) {
    return new NginxLogFormat(tokenize(unwrap(definition.trim())));
  }

  /** Variable names in order of appearance, without {@code $}. */
  Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (Object s : segments) {
      if (s instanceof String) {
        names.add((String) s);
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /** A scanner filling {@code fieldNames.get(i)} into field index i. */
  LineParser scanner(List<String> fieldNames) {
    return scanner(fieldNames, false);
  }

  /**
   * As {@link #scanner(List)}; with {@code prefixOnly}, scanning stops after the last wanted
   * variable, so the rest of the line is neither read nor checked (for readers of stored lines that
   * need a few leading fields; the interceptor always checks whole lines).
   */
  LineParser scanner(List<String> fieldNames, boolean prefixOnly) {
    int n = segments.size();
    byte[][] literals = new byte[n][];
    int[] fieldOf = new int[n];
    for (int i = 0; i < n; i++) {
      Object s = segments.get(i);
      if (s instanceof byte[]) {
        literals[i] = (byte[]) s;
        fieldOf[i] = -1;
      } else {
        fieldOf[i] = fieldNames.indexOf(s);
      }
    }
    int stopAt = n;
    if (prefixOnly) {
      for (int i = n - 1; i >= 0; i--) {
        if (fieldOf[i] >= 0) {
          stopAt = i + 1;
          break;
        }
      }
    }
    return new Scanner(literals, fieldOf, fieldNames.size(), stopAt);
  }

  private static String unwrap(String def) {
    if (def.equals("combined")) {
      return COMBINED;
    }
    String rest = def;
    if (rest.startsWith("log_format")
        && rest.length() > 10
        && Character.isWhitespace(rest.charAt(10))) {
      rest = rest.substring(10).trim();
      rest = skipWord(rest); // the format's name
      if (rest.startsWith("escape=")) {
        rest = skipWord(rest);
      }
      if (rest.endsWith(";")) {
        rest = rest.substring(0, rest.length() - 1).trim();
      }
      if (rest.isEmpty() || (rest.charAt(0) != '\'' && rest.charAt(0) != '"')) {
        throw new IllegalArgumentException("log_format directive has no quoted format string");
      }
    }
    if (!rest.isEmpty() && (rest.charAt(0) == '\'' || rest.charAt(0) == '"')) {
      return concatQuoted(rest);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("empty format");
    }
    return rest;
  }

  private static String skipWord(String s) {
    int i = 0;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i).trim();
  }

  /** nginx.conf quoting: adjacent quoted parts concatenate; backslash escapes the next char. */
  private static String concatQuoted(String s) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == ';' && s.substring(i + 1).trim().isEmpty()) {
        break;
      }
      if (c != '\'' && c != '"') {
        throw new IllegalArgumentException(
            "text outside quotes at offset " + i + ": '" + s.substring(i) + "'");
      }
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != c) {
        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
          char e = s.charAt(++j);
          out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
        } else {
          out.append(s.charAt(j));
        }
        j++;
      }
      if (j >= s.length()) {
        throw new IllegalArgumentException("unterminated quote starting at offset " + i);
      }
      i = j + 1;
    }
    return out.toString();
  }

  private static List<Object> tokenize(String format) {
    List<Object> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      int nameStart;
      int nameEnd;
      int next;
      if (c == '$' && i + 1 < format.length() && format.charAt(i + 1) == '{') {
        nameStart = i + 2;
        nameEnd = format.indexOf('}', nameStart);
        if (nameEnd < 0) {
          throw new IllegalArgumentException("unterminated ${ at offset " + i);
        }
        next = nameEnd + 1;
      } else if (c == '$') {
        nameStart = i + 1;
        nameEnd = nameStart;
        while (nameEnd < format.length() && isNameChar(format.charAt(nameEnd))) {
          nameEnd++;
        }
        next = nameEnd;
      } else {
        literal.append(c);
        i++;
        continue;
      }
      String name = format.substring(nameStart, nameEnd);
      if (name.isEmpty() || !isName(name)) {
        throw new IllegalArgumentException("bad variable name at offset " + i);
      }
      if (literal.length() > 0) {
        segments.add(literal.toString().getBytes(StandardCharsets.UTF_8));
        literal.setLength(0);
      } else if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof String) {
        throw new IllegalArgumentException(
            "variables $"
                + segments.get(segments.size() - 1)
                + " and $"
                + name
                + " have no literal text between them, so their boundary is unknown");
      }
      segments.add(name);
      i = next;
    }
    if (literal.length() > 0) {
      segments.add(literal.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("empty format");
    }
    return segments;
  }

  private static boolean isName(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** The hot path: no regex, no allocation beyond the result. Immutable, thread-safe. */
  private static final class Scanner implements LineParser {
    private final byte[][] literals; // null where the segment is a variable
    private final int[] fieldOf; // field index for a wanted variable, else -1
    private final int fieldCount;

    /** Segments scanned: all of them, or (prefix scanning) up to the last wanted variable. */
    private final int stopAt;

    Scanner(byte[][] literals, int[] fieldOf, int fieldCount, int stopAt) {
      this.literals = literals;
      this.fieldOf = fieldOf;
      this.fieldCount = fieldCount;
      this.stopAt = stopAt;
    }

    @Override
    public int fieldCount() {
      return fieldCount;
    }

    @Override
    public FieldValues parse(byte[] line, int length) {
      FieldValues values = new FieldValues(fieldCount);
      return parse(line, 0, length, values) ? values : null;
    }

    @Override
    public boolean parse(byte[] line, int from, int to, FieldValues values) {
      ByteBuffer words = ByteScan.view(line); // a local: escape analysis removes it
      int pos = from;
      int n = literals.length;
      int s = 0;
      while (s < stopAt) {
        byte[] lit = literals[s];
        if (lit != null) {
          if (!matchesAt(line, pos, to, lit)) {
            return false;
          }
          pos += lit.length;
          s++;
          continue;
        }
        int field = fieldOf[s];
        int end;
        int after;
        if (s + 1 == n) {
          end = to;
          after = to;
          s++;
        } else {
          // The delimiter literal is consumed together with the variable it ends.
          byte[] delimiter = literals[s + 1];
          end = ByteScan.indexOfIn(words, line, pos, to, delimiter);
          if (end < 0) {
            return false;
          }
          after = end + delimiter.length;
          s += 2;
        }
        if (field >= 0 && !values.has(field)) {
          values.set(field, line, pos, end);
        }
        pos = after;
      }
      return pos == to || stopAt < n;
    }

    private static boolean matchesAt(byte[] line, int pos, int to, byte[] lit) {
      if (pos + lit.length > to) {
        return false;
      }
      for (int i = 0; i < lit.length; i++) {
        if (line[pos + i] != lit[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
