package io.accesslog.flume.tool.select;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sink's file layout, read side: {@code
 * <root>/<hdfs.path>/<hdfs.fileName>.w-<writer>.<seq>.gz}, in-progress files with a leading {@code
 * _}. The templates use the sink's grammar (literal text, {@code %{header}}, the hour escapes
 * {@code %Y %y %m %d %H %M %S %j %s}, {@code %%}); this class only turns them into Hadoop globs and
 * name patterns, it never writes a path. Immutable.
 *
 * <p>Reimplemented rather than taken from the sink (its {@code PathTemplate} is package-private and
 * tied to Flume's configuration types); {@code LayoutTest} checks it against paths the sink's
 * documented defaults produce.
 */
public final class Layout {
  public static final String DEFAULT_PATH = "%{type}/%{app}/%Y%m%d/%H";
  public static final String DEFAULT_FILE_NAME = "%{host}.%Y%m%d%H";
  public static final String IN_PROGRESS_PREFIX = "_";
  private static final String ESCAPES = "YymdHMSjs";

  private final String root;
  private final String path;
  private final String fileName;
  private final ZoneId zone;
  private final List<Part> pathParts;
  private final List<Part> nameParts;

  private record Part(char kind, String text) {
    // kind: 'L' literal, 'H' header (text = name), 'T' time escape (text = the escape letter)
  }

  public Layout(String root, String path, String fileName, ZoneId zone) {
    this.root = stripSlash(root);
    this.path = path;
    this.fileName = fileName;
    this.zone = zone;
    this.pathParts = parse("hdfs.path", path);
    this.nameParts = parse("hdfs.fileName", fileName);
    if (fileName.contains("/")) {
      throw new IllegalArgumentException("hdfs.fileName '" + fileName + "' must not contain '/'");
    }
  }

  public String root() {
    return root;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether the directory template has an hour escape, so a directory stands for one hour. */
  public boolean directoriesAreHours() {
    return pathParts.stream().anyMatch(p -> p.kind == 'T' && p.text.equals("H"))
        || pathParts.stream().anyMatch(p -> p.kind == 'T' && p.text.equals("s"));
  }

  private static String stripSlash(String s) {
    String r = s;
    while (r.length() > 1 && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }

  private static List<Part> parse(String key, String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        lit.append(c);
        continue;
      }
      if (i + 1 >= text.length()) {
        throw new IllegalArgumentException(key + " '" + text + "' ends with a lone '%'");
      }
      char n = text.charAt(i + 1);
      if (n == '%') {
        lit.append('%');
        i++;
      } else if (n == '{') {
        int close = text.indexOf('}', i + 2);
        if (close < 0) {
          throw new IllegalArgumentException(key + " '" + text + "': '%{' without '}'");
        }
        flush(parts, lit);
        parts.add(new Part('H', text.substring(i + 2, close)));
        i = close;
      } else if (ESCAPES.indexOf(n) >= 0) {
        flush(parts, lit);
        parts.add(new Part('T', String.valueOf(n)));
        i++;
      } else {
        throw new IllegalArgumentException(
            key
                + " '"
                + text
                + "': unknown escape '%"
                + n
                + "'; the sink supports %Y %y %m %d %H %M %S %j %s %% %{header}");
      }
    }
    flush(parts, lit);
    return parts;
  }

  private static void flush(List<Part> parts, StringBuilder lit) {
    if (lit.length() > 0) {
      parts.add(new Part('L', lit.toString()));
      lit.setLength(0);
    }
  }

  /**
   * The Hadoop glob of the directories for one hour ({@code hourStart} non-null) or any hour
   * (null): header values are the given globs ({@code *} for headers not given), time escapes the
   * hour's fields or {@code *}.
   */
  public String directoryGlob(Map<String, String> headerGlobs, Instant hourStart) {
    StringBuilder b = new StringBuilder(root);
    b.append('/');
    ZonedDateTime t = hourStart == null ? null : hourStart.atZone(zone);
    for (Part p : pathParts) {
      switch (p.kind) {
        case 'L' -> b.append(globEscape(p.text));
        case 'H' -> b.append(headerGlobs.getOrDefault(p.text, "*"));
        default -> b.append(t == null ? "*" : field(p.text.charAt(0), t));
      }
    }
    return b.toString();
  }

  /** The hour a directory (relative to the root) stands for, or null when the path does not say. */
  public Instant hourOf(String relativeDirectory) {
    return hourFrom(pathParts, relativeDirectory);
  }

  /** The hour in a file name (its final form, without {@code _}), or null. */
  public Instant hourOfName(String fileBase) {
    return hourFrom(nameParts, fileBase);
  }

  private Instant hourFrom(List<Part> parts, String text) {
    StringBuilder re = new StringBuilder("^");
    List<Character> groups = new ArrayList<>();
    for (Part p : parts) {
      switch (p.kind) {
        case 'L' -> re.append(Pattern.quote(p.text));
        case 'H' -> re.append("[^/]*?");
        default -> {
          char e = p.text.charAt(0);
          re.append(
              switch (e) {
                case 'Y' -> "(\\d{4})";
                case 'j' -> "(\\d{3})";
                case 's' -> "(\\d+)";
                default -> "(\\d{2})";
              });
          groups.add(e);
        }
      }
    }
    re.append("$");
    Matcher m = Pattern.compile(re.toString()).matcher(text);
    if (!m.matches() || groups.isEmpty()) {
      return null;
    }
    Integer year = null;
    Integer month = null;
    Integer day = null;
    Integer doy = null;
    Integer hour = null;
    for (int i = 0; i < groups.size(); i++) {
      long v = Long.parseLong(m.group(i + 1));
      switch (groups.get(i)) {
        case 's' -> {
          return Instant.ofEpochSecond(v);
        }
        case 'Y' -> year = (int) v;
        case 'y' -> year = year == null ? 2000 + (int) v : year;
        case 'm' -> month = (int) v;
        case 'd' -> day = (int) v;
        case 'j' -> doy = (int) v;
        case 'H' -> hour = (int) v;
        default -> {}
      }
    }
    if (year == null || hour == null) {
      return null;
    }
    try {
      java.time.LocalDate date =
          month != null && day != null
              ? java.time.LocalDate.of(year, month, day)
              : doy != null ? java.time.LocalDate.ofYearDay(year, doy) : null;
      return date == null ? null : date.atTime(hour, 0).atZone(zone).toInstant();
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /**
   * A name matcher for files in a selected directory: the file-name template with header values
   * matching the given globs, then {@code .w-<writer>.<seq>.gz}; group 1 is the file base.
   */
  public Pattern fileNamePattern(Map<String, String> headerGlobs) {
    StringBuilder re = new StringBuilder("^(");
    for (Part p : nameParts) {
      switch (p.kind) {
        case 'L' -> re.append(Pattern.quote(p.text));
        case 'H' -> re.append(globToRegex(headerGlobs.getOrDefault(p.text, "*")));
        default -> re.append("\\d+");
      }
    }
    re.append(")\\.w-[A-Za-z0-9._-]+\\.\\d{4,}\\.gz$");
    return Pattern.compile(re.toString());
  }

  static String field(char escape, ZonedDateTime t) {
    return switch (escape) {
      case 'Y' -> String.format("%04d", t.getYear());
      case 'y' -> String.format("%02d", t.getYear() % 100);
      case 'm' -> String.format("%02d", t.getMonthValue());
      case 'd' -> String.format("%02d", t.getDayOfMonth());
      case 'H' -> String.format("%02d", t.getHour());
      case 'M', 'S' -> "00";
      case 'j' -> String.format("%03d", t.getDayOfYear());
      case 's' -> Long.toString(t.toEpochSecond());
      default -> throw new IllegalArgumentException("escape %" + escape);
    };
  }

  /** Literal text made safe inside a Hadoop glob. */
  private static String globEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("*?[]{}\\".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * A Hadoop/shell glob ({@code *}, {@code ?}, {@code [abc]}, {@code [!a]}, {@code {a,b}}) as a
   * regex that never crosses {@code /}.
   */
  public static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("glob '" + glob + "': '}' without '{'");
          }
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            throw new IllegalArgumentException("glob '" + glob + "': '[' without ']'");
          }
          String set = glob.substring(i + 1, close);
          if (set.startsWith("!") || set.startsWith("^")) {
            set = "^" + set.substring(1);
          }
          re.append('[').append(set.replace("\\", "\\\\")).append(']');
          i = close;
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("glob '" + glob + "': '{' without '}'");
    }
    return re.toString();
  }

  @Override
  public String toString() {
    return root + "/" + path + "/" + fileName + ".w-<writer>.<seq>.gz (" + zone + ")";
  }
}
