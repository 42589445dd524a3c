package io.accesslog.flume.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The path rule's test vectors ({@code path-rule-vectors.txt} next to this class), for every module
 * that uses {@link PathRule}: this module's test, the interceptor's and the sink's load the same
 * file from this module's test jar.
 */
public final class PathRuleVectors {
  /** One vector: {@code input} must become {@code expected} (case kept). */
  public static final class Vector {
    public final String input;
    public final String expected;

    /** The input as written in the file (escapes kept), for failure messages. */
    public final String written;

    Vector(String input, String expected, String written) {
      this.input = input;
      this.expected = expected;
      this.written = written;
    }
  }

  private PathRuleVectors() {}

  public static List<Vector> load() {
    List<Vector> out = new ArrayList<>();
    try (InputStream in = PathRuleVectors.class.getResourceAsStream("path-rule-vectors.txt")) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      for (int n; (n = in.read(chunk)) > 0; ) {
        buf.write(chunk, 0, n);
      }
      for (String line : new String(buf.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        if (parts.length != 2) {
          throw new IllegalStateException("not <input> TAB <expected>: " + line);
        }
        out.add(new Vector(unescape(parts[0]), parts[1], parts[0]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableList(out);
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'u':
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        case 't':
          b.append('\t');
          break;
        case 'n':
          b.append('\n');
          break;
        case 'r':
          b.append('\r');
          break;
        case '\\':
          b.append('\\');
          break;
        default:
          throw new IllegalArgumentException("bad escape in " + s);
      }
    }
    return b.toString();
  }
}
