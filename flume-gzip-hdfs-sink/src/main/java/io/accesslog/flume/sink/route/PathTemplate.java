package io.accesslog.flume.sink.route;

import java.util.ArrayList;
import java.util.List;
import org.apache.flume.conf.ConfigurationException;

/**
 * A directory or file-name template compiled once into parts: literal text, {@code %{header}}
 * references and hour-bucket time escapes ({@code %Y %y %m %d %H %M %S %j %s}, and {@code %%} for a
 * literal {@code %}). Immutable.
 *
 * <p>Header values are sanitized by the router before rendering. Literal text cannot be sanitized
 * per event without surprising the operator, so it is checked here instead, and a template that
 * could produce an unsafe path fails configuration:
 *
 * <ul>
 *   <li>literal chars must be {@code [A-Za-z0-9._=~-]} ({@code %} via {@code %%}); {@code /}
 *       separates components and is allowed only in a directory template;
 *   <li>no empty component (so no leading or trailing {@code /} and no {@code //});
 *   <li>no component may start with literal {@code .} (this excludes {@code .} and {@code ..}) or
 *       {@code _}: Hadoop, Hive and Spark skip such names, and a leading {@code _} marks our
 *       in-progress files;
 *   <li>the longest possible rendered component must fit in {@code maxComponentLength}.
 * </ul>
 */
final class PathTemplate {
  private static final int LITERAL = 0;
  private static final int HEADER = 1;
  private static final int TIME = 2;

  /** Widest rendering of each escape, in {@link HourBucket#ESCAPES} order (years up to 9999). */
  private static final int[] ESCAPE_WIDTH = {4, 2, 2, 2, 2, 2, 2, 3, 12};

  private final String text;
  private final int[] kinds;

  /** Literal text for LITERAL parts, else null. */
  private final String[] literals;

  /** Header slot for HEADER parts, escape index for TIME parts. */
  private final int[] args;

  private PathTemplate(String text, int[] kinds, String[] literals, int[] args) {
    this.text = text;
    this.kinds = kinds;
    this.literals = literals;
    this.args = args;
  }

  /**
   * Compiles {@code text}, registering referenced headers in {@code slots}.
   *
   * @param key the configuration key, named in errors
   * @param directory true for a directory template ({@code /} allowed, may be empty)
   */
  static PathTemplate compile(
      String key, String text, boolean directory, int maxComponentLength, HeaderSlots slots) {
    if (text == null) {
      throw invalid(key, "null", "a template is required");
    }
    if (!directory && text.isEmpty()) {
      throw invalid(key, text, "the file-name template must not be empty");
    }
    Compiler c = new Compiler(key, text, maxComponentLength, slots);
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '/') {
        if (!directory) {
          throw invalid(key, text, "'/' is not allowed in a file name");
        }
        c.endComponent();
        i++;
      } else if (ch != '%') {
        c.literal(ch, i);
        i++;
      } else if (i + 1 >= text.length()) {
        throw invalid(key, text, "it ends with a lone '%'; write '%%' for a literal '%'");
      } else {
        char next = text.charAt(i + 1);
        if (next == '%') {
          c.literal('%', i);
          i += 2;
        } else if (next == '{') {
          i = c.header(i);
        } else {
          int escape = HourBucket.escapeIndex(next);
          if (escape < 0) {
            throw invalid(
                key,
                text,
                "unknown escape '%"
                    + next
                    + "' at index "
                    + i
                    + "; supported: %Y %y %m %d %H %M %S %j %s %% %{header}");
          }
          c.time(escape);
          i += 2;
        }
      }
    }
    if (!text.isEmpty()) {
      c.endComponent();
    }
    return c.build();
  }

  String text() {
    return text;
  }

  boolean isEmpty() {
    return kinds.length == 0;
  }

  /** Appends the rendering; {@code values} are sanitized header values indexed by slot. */
  void render(StringBuilder out, String[] values, HourBucket hour) {
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case LITERAL:
          out.append(literals[i]);
          break;
        case HEADER:
          out.append(values[args[i]]);
          break;
        default:
          out.append(hour.field(args[i]));
          break;
      }
    }
  }

  /** Checks one literal component of a configured path (used for the root, too). */
  static boolean isAllowedLiteral(char c) {
    return PathSanitizer.isSafe(c) || c == '=' || c == '~' || c == '%';
  }

  static ConfigurationException invalid(String key, String value, String problem) {
    return new ConfigurationException(
        "route: key '" + key + "' has invalid value '" + value + "': " + problem);
  }

  /** Mutable state while compiling; tracks the current component to validate it. */
  private static final class Compiler {
    private final String key;
    private final String text;
    private final int maxComponentLength;
    private final HeaderSlots slots;
    private final List<Integer> kinds = new ArrayList<>();
    private final List<String> literals = new ArrayList<>();
    private final List<Integer> args = new ArrayList<>();
    private final StringBuilder pendingLiteral = new StringBuilder();
    private boolean componentEmpty = true;
    private int componentMaxLength;

    Compiler(String key, String text, int maxComponentLength, HeaderSlots slots) {
      this.key = key;
      this.text = text;
      this.maxComponentLength = maxComponentLength;
      this.slots = slots;
    }

    void literal(char c, int index) {
      if (!isAllowedLiteral(c)) {
        throw invalid(
            key,
            text,
            "character '"
                + printable(c)
                + "' at index "
                + index
                + " is not allowed in literal text; allowed: [A-Za-z0-9._=~-], '%%' and '/' between"
                + " directories");
      }
      if (componentEmpty && (c == '.' || c == '_')) {
        throw invalid(
            key,
            text,
            "a path component starts with '"
                + c
                + "' (at index "
                + index
                + "): '.'/'..' and names starting with '.' or '_' are hidden from Hadoop/Hive/Spark"
                + " or reserved for in-progress files");
      }
      pendingLiteral.append(c);
      componentEmpty = false;
      componentMaxLength++;
    }

    int header(int start) {
      int close = text.indexOf('}', start + 2);
      if (close < 0) {
        throw invalid(key, text, "'%{' at index " + start + " has no closing '}'");
      }
      String name = text.substring(start + 2, close);
      if (name.isEmpty()) {
        throw invalid(key, text, "empty header name '%{}' at index " + start);
      }
      for (int i = 0; i < name.length(); i++) {
        if (!PathSanitizer.isSafe(name.charAt(i))) {
          throw invalid(key, text, "header name '" + name + "' must consist of [A-Za-z0-9._-]");
        }
      }
      addPart(HEADER, null, slots.slotOf(name));
      componentMaxLength += PathSanitizer.MAX_LENGTH;
      return close + 1;
    }

    void time(int escape) {
      addPart(TIME, null, escape);
      componentMaxLength += ESCAPE_WIDTH[escape];
    }

    void endComponent() {
      if (componentEmpty) {
        throw invalid(key, text, "empty path component (leading, trailing or doubled '/')");
      }
      if (componentMaxLength > maxComponentLength) {
        throw invalid(
            key,
            text,
            "a path component can render to "
                + componentMaxLength
                + " characters (a header value"
                + " counts as "
                + PathSanitizer.MAX_LENGTH
                + "); the limit here is "
                + maxComponentLength);
      }
      pendingLiteral.append('/');
      componentEmpty = true;
      componentMaxLength = 0;
    }

    private void addPart(int kind, String literal, int arg) {
      flushLiteral();
      kinds.add(kind);
      literals.add(literal);
      args.add(arg);
      componentEmpty = false;
    }

    private void flushLiteral() {
      if (pendingLiteral.length() > 0) {
        kinds.add(LITERAL);
        literals.add(pendingLiteral.toString());
        args.add(-1);
        pendingLiteral.setLength(0);
      }
    }

    PathTemplate build() {
      // endComponent() appended a separator after the last component too; drop it.
      if (pendingLiteral.length() > 0) {
        pendingLiteral.setLength(pendingLiteral.length() - 1);
      }
      flushLiteral();
      int n = kinds.size();
      int[] k = new int[n];
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        k[i] = kinds.get(i);
        a[i] = args.get(i);
      }
      return new PathTemplate(text, k, literals.toArray(new String[0]), a);
    }
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
