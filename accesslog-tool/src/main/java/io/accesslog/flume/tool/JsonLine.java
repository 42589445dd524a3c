package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Question;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code query --json}: a matching line as one JSON object of the format's fields, in format order,
 * each value the field's text as logged (nginx's {@code -} placeholder stays {@code "-"}, so
 * nothing is lost) or {@code null} when the line has no such field (an optional regex group). Not
 * used for {@code format=json}, whose stored lines are JSON objects already. Not thread-safe: one
 * per scanning task.
 */
final class JsonLine {
  private final int[] indexes;
  private final String[] keys;
  private final StringBuilder b = new StringBuilder(512);

  /**
   * @param names the format's fields, each in the question's field list
   */
  JsonLine(List<String> names, Question q) {
    this.indexes = new int[names.size()];
    this.keys = new String[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = q.fieldIndex(names.get(i));
      keys[i] = (i == 0 ? "{" : ",") + Numbers.jsonString(names.get(i)) + ":";
    }
  }

  /** The JSON object of a parsed line, UTF-8, without a newline. */
  byte[] encode(LineFields.Parsed p) {
    b.setLength(0);
    for (int i = 0; i < indexes.length; i++) {
      b.append(keys[i]);
      appendString(b, p.string(indexes[i]));
    }
    b.append(indexes.length == 0 ? "{}" : "}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendString(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append("\\u00")
                .append(Character.forDigit(c >> 4, 16))
                .append(Character.forDigit(c & 0xf, 16));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
