package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The interceptor's line parsing (nginx {@code log_format} scanner, JSON, regex) and time parsing
 * as a small public entry point for tools that read stored lines back, such as {@code
 * accesslog-tool}. It is Flume-free: it takes the interceptor's format keys ({@code format}, {@code
 * nginx.logFormat}, {@code regex}, {@code time.field}, {@code time.format}, {@code time.zone}, with
 * the interceptor's defaults) as a plain map, so a tool can read them from an agent's {@code
 * .properties} file and split lines exactly as the agent did.
 *
 * <p>Immutable and thread-safe; {@link Extractor}s are thread-safe too, {@link Parsed} results are
 * confined to the calling thread and valid until its next parse.
 */
public final class LineFields {
  public static final String FORMAT_KEY = "format";
  public static final String NGINX_LOG_FORMAT_KEY = "nginx.logFormat";
  public static final String REGEX_KEY = "regex";
  public static final String TIME_FIELD_KEY = "time.field";
  public static final String TIME_FORMAT_KEY = "time.format";
  public static final String TIME_ZONE_KEY = "time.zone";

  /** The format keys this class reads; all other interceptor keys are ignored. */
  public static final List<String> KEYS =
      Collections.unmodifiableList(
          java.util.Arrays.asList(
              FORMAT_KEY,
              NGINX_LOG_FORMAT_KEY,
              REGEX_KEY,
              TIME_FIELD_KEY,
              TIME_FORMAT_KEY,
              TIME_ZONE_KEY));

  // The interceptor's defaults (ConfigKeys); LineFieldsTest keeps the two in step.
  static final String DEFAULT_FORMAT = "nginx";
  static final String DEFAULT_LOG_FORMAT = "combined";
  static final String DEFAULT_TIME_FIELD = "time_local";
  static final String DEFAULT_TIME_FORMAT = "auto";
  static final String DEFAULT_TIME_ZONE = "UTC";

  private final String format;
  private final String description;

  /** Field names a line can have; null for JSON (any top-level key). */
  private final Set<String> available;

  private final String timeField;
  private final TimeParser timeParser;
  private final NginxLogFormat nginx;
  private final Pattern regex;

  private LineFields(
      String format,
      String description,
      Set<String> available,
      String timeField,
      TimeParser timeParser,
      NginxLogFormat nginx,
      Pattern regex) {
    this.format = format;
    this.description = description;
    this.available = available;
    this.timeField = timeField;
    this.timeParser = timeParser;
    this.nginx = nginx;
    this.regex = regex;
  }

  /**
   * Compiles the format described by interceptor keys (missing keys take the interceptor's
   * defaults).
   *
   * @throws IllegalArgumentException naming the key, the value and the problem
   */
  public static LineFields fromKeys(Map<String, String> keys) {
    String format = value(keys, FORMAT_KEY, DEFAULT_FORMAT);
    String timeField = value(keys, TIME_FIELD_KEY, DEFAULT_TIME_FIELD);
    NginxLogFormat nginx = null;
    Pattern regex = null;
    Set<String> available;
    String description;
    switch (format) {
      case "nginx":
        {
          String def = value(keys, NGINX_LOG_FORMAT_KEY, DEFAULT_LOG_FORMAT);
          try {
            nginx = NginxLogFormat.compile(def);
          } catch (IllegalArgumentException e) {
            throw invalid(NGINX_LOG_FORMAT_KEY, def, e.getMessage());
          }
          available = nginx.variables();
          description = "nginx log_format (fields " + available + ")";
          break;
        }
      case "json":
        available = null;
        description = "json (any top-level key)";
        break;
      case "regex":
        {
          String text = keys.get(REGEX_KEY);
          if (text == null || text.trim().isEmpty()) {
            throw new IllegalArgumentException(
                "key '" + REGEX_KEY + "' must be set when format=regex");
          }
          try {
            regex = Pattern.compile(text.trim());
          } catch (PatternSyntaxException e) {
            throw invalid(REGEX_KEY, text, e.getDescription());
          }
          available = RegexLineParser.groupNames(regex);
          description = "regex (named groups " + available + ")";
          break;
        }
      default:
        throw invalid(FORMAT_KEY, format, "allowed: nginx, json, regex");
    }
    if (available != null && !available.contains(timeField)) {
      throw invalid(TIME_FIELD_KEY, timeField, "no such field in " + description);
    }
    String zoneText = value(keys, TIME_ZONE_KEY, DEFAULT_TIME_ZONE);
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw invalid(TIME_ZONE_KEY, zoneText, e.getMessage());
    }
    String spec = value(keys, TIME_FORMAT_KEY, DEFAULT_TIME_FORMAT);
    if (spec.equals("auto")) {
      String inferred = TimeParsers.inferAuto(format, timeField);
      if (inferred == null) {
        throw invalid(
            TIME_FORMAT_KEY,
            spec,
            "auto only works with format=nginx and time.field "
                + "time_local, time_iso8601 or msec; set it explicitly ("
                + TimeParsers.ALLOWED
                + ")");
      }
      spec = inferred;
    }
    TimeParser timeParser;
    try {
      timeParser = TimeParsers.forSpec(spec, zone);
    } catch (IllegalArgumentException e) {
      throw invalid(TIME_FORMAT_KEY, spec, e.getMessage() + "; allowed: " + TimeParsers.ALLOWED);
    }
    return new LineFields(format, description, available, timeField, timeParser, nginx, regex);
  }

  private static String value(Map<String, String> keys, String key, String def) {
    String v = keys.get(key);
    return v == null || v.trim().isEmpty() ? def : v.trim();
  }

  private static IllegalArgumentException invalid(String key, String value, String problem) {
    return new IllegalArgumentException(
        "key '" + key + "' has invalid value '" + value + "': " + problem);
  }

  /** {@code nginx}, {@code json} or {@code regex}. */
  public String format() {
    return format;
  }

  /** E.g. {@code nginx log_format (fields [remote_addr, ...])}, for messages. */
  public String description() {
    return description;
  }

  /** Whether a line of this format can have the field (always true for JSON). */
  public boolean hasField(String name) {
    return available == null || available.contains(name);
  }

  /** The field names lines have, in format order; null for JSON (any top-level key). */
  public Set<String> fieldNames() {
    return available;
  }

  public String timeField() {
    return timeField;
  }

  /**
   * A parser filling {@code fields} (index = position in the list); the time field is always parsed
   * too (see {@link Parsed#timeMillis()}). With the nginx format, a line is split only up to the
   * last of these fields: later text is neither read nor checked (stored lines passed the
   * interceptor already; most questions need a few leading fields).
   *
   * @throws IllegalArgumentException for a field lines of this format cannot have
   */
  public Extractor extractor(List<String> fields) {
    for (String f : fields) {
      if (!hasField(f)) {
        throw new IllegalArgumentException("no field '" + f + "' in " + description);
      }
    }
    List<String> all = new ArrayList<>(fields);
    int timeIndex = all.indexOf(timeField);
    if (timeIndex < 0) {
      timeIndex = all.size();
      all.add(timeField);
    }
    LineParser parser;
    if (nginx != null) {
      parser = nginx.scanner(all, true);
    } else if (regex != null) {
      parser = new RegexLineParser(regex, all);
    } else {
      parser = new JsonLineParser(all);
    }
    return new Extractor(parser, timeParser, timeIndex);
  }

  /** Splits lines into the chosen fields. Thread-safe. */
  public static final class Extractor {
    private final LineParser parser;
    private final TimeParser timeParser;
    private final int timeIndex;

    Extractor(LineParser parser, TimeParser timeParser, int timeIndex) {
      this.parser = parser;
      this.timeParser = timeParser;
      this.timeIndex = timeIndex;
    }

    /**
     * Reusable per-line state for {@link #parse(byte[], int, int, Parsed)}: one per thread, valid
     * until that thread's next parse into it.
     */
    public Parsed newParsed() {
      return new Parsed(new FieldValues(parser.fieldCount()), timeParser, timeIndex);
    }

    /**
     * Parses {@code line[from, to)} in place (no line terminator; a trailing {@code \r} is ignored
     * as the interceptor does) into {@code into}, a {@link #newParsed()} of this extractor: no copy
     * and no allocation per line. Field ranges point into {@code line}.
     *
     * @return {@code into}, or null when the line does not match the format
     */
    public Parsed parse(byte[] line, int from, int to, Parsed into) {
      int end = to;
      if (end > from && line[end - 1] == '\r') {
        end--;
      }
      into.values.clear();
      return parser.parse(line, from, end, into.values) ? into : null;
    }

    /** As {@link #parse(byte[], int, int, Parsed)} of {@code line[0, length)} into a new state. */
    public Parsed parse(byte[] line, int length) {
      return parse(line, 0, length, newParsed());
    }
  }

  /** One parsed line. Byte ranges may point into the caller's array: read before reusing it. */
  public static final class Parsed {
    /** {@link #timeMillis()} when the line has no readable time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final FieldValues values;
    private final TimeParser timeParser;
    private final int timeIndex;

    Parsed(FieldValues values, TimeParser timeParser, int timeIndex) {
      this.values = values;
      this.timeParser = timeParser;
      this.timeIndex = timeIndex;
    }

    /** Present, non-empty and not nginx's {@code -} placeholder. */
    public boolean hasValue(int field) {
      return values.hasValue(field);
    }

    /** The raw text of the field (a {@code -} placeholder stays {@code -}), or null if absent. */
    public String string(int field) {
      return values.string(field);
    }

    /** Whether the field's bytes equal {@code expected}. */
    public boolean equalsBytes(int field, byte[] expected) {
      byte[] a = values.array(field);
      if (a == null) {
        return false;
      }
      int from = values.from(field);
      int len = values.to(field) - from;
      if (len != expected.length) {
        return false;
      }
      for (int i = 0; i < len; i++) {
        if (a[from + i] != expected[i]) {
          return false;
        }
      }
      return true;
    }

    /**
     * The field as a decimal number ({@code 200}, {@code 0.123}, {@code -1.5e3}), or NaN when it is
     * absent, {@code -} or not a single number (e.g. nginx's {@code "0.010, 0.002"} lists).
     */
    public double number(int field) {
      byte[] a = values.array(field);
      if (a == null) {
        return Double.NaN;
      }
      return Decimals.parse(a, values.from(field), values.to(field));
    }

    /** Epoch millis of the line's time field, or {@link #NO_TIME}. */
    public long timeMillis() {
      if (!values.hasValue(timeIndex)) {
        return NO_TIME;
      }
      long t =
          timeParser.parse(values.array(timeIndex), values.from(timeIndex), values.to(timeIndex));
      return t == TimeParser.INVALID ? NO_TIME : t;
    }

    @Override
    public String toString() {
      return "Parsed["
          + new String(
              values.array(timeIndex) == null ? new byte[0] : values.array(timeIndex),
              StandardCharsets.UTF_8)
          + "]";
    }
  }
}
