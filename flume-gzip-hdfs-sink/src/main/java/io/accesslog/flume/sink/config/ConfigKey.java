package io.accesslog.flume.sink.config;

import java.util.Locale;
import java.util.Map;

/**
 * One configuration key, declared once: name, default, what is allowed, and its documentation. The
 * README's key table is generated from these declarations (and a test keeps it in sync). Loads
 * without Flume on the classpath (see {@link ConfigErrors}).
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  /**
   * Parses and validates a raw value; throws IllegalArgumentException whose message says what is
   * allowed.
   */
  public interface Parser<T> {
    T parse(String raw);
  }

  private final String name;
  private final String defaultValue;
  private final String allowed;
  private final String doc;
  private final Parser<T> parser;

  private ConfigKey(
      String name, String defaultValue, String allowed, String doc, Parser<T> parser) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.doc = doc;
    this.parser = parser;
  }

  /**
   * @param defaultValue raw default text, or null for a required key
   */
  public static <T> ConfigKey<T> of(
      String name, String defaultValue, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, defaultValue, allowed, doc, parser);
  }

  public static ConfigKey<Long> integer(
      String name, long defaultValue, long min, long max, String doc) {
    String allowed = "an integer from " + min + " to " + max;
    return of(
        name,
        Long.toString(defaultValue),
        allowed,
        doc,
        raw -> {
          long v;
          try {
            v = Long.parseLong(raw.trim().replace("_", ""));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(allowed, e);
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException(allowed);
          }
          return v;
        });
  }

  public static ConfigKey<Long> bytes(
      String name, String defaultValue, long min, long max, String doc) {
    String allowed =
        "a size from "
            + Units.formatBytes(min)
            + " to "
            + Units.formatBytes(max)
            + " (a number of bytes, or with a unit: 64KB, 5MB, 1GB; units are powers of 1024)";
    return ranged(
        name, defaultValue, allowed, doc, min, max, raw -> Units.parseBytes(raw, allowed));
  }

  public static ConfigKey<Long> millis(
      String name, String defaultValue, long min, long max, String doc) {
    String allowed =
        "a duration from "
            + Units.formatMillis(min)
            + " to "
            + Units.formatMillis(max)
            + " (milliseconds, or with a unit: 500ms, 30s, 2m, 1h)";
    return ranged(
        name, defaultValue, allowed, doc, min, max, raw -> Units.parseMillis(raw, allowed));
  }

  private static ConfigKey<Long> ranged(
      String name,
      String defaultValue,
      String allowed,
      String doc,
      long min,
      long max,
      Parser<Long> unitParser) {
    return of(
        name,
        defaultValue,
        allowed,
        doc,
        raw -> {
          long v = unitParser.parse(raw);
          if (v < min || v > max) {
            throw new IllegalArgumentException(allowed);
          }
          return v;
        });
  }

  public static ConfigKey<String> choice(
      String name, String defaultValue, String doc, String... values) {
    String allowed = "one of " + String.join(", ", values);
    return of(
        name,
        defaultValue,
        allowed,
        doc,
        raw -> {
          String v = raw.trim().toLowerCase(Locale.ROOT);
          for (String candidate : values) {
            if (candidate.equals(v)) {
              return candidate;
            }
          }
          throw new IllegalArgumentException(allowed);
        });
  }

  public static ConfigKey<String> string(
      String name, String defaultValue, String allowed, String doc) {
    return of(name, defaultValue, allowed, doc, raw -> raw);
  }

  public String name() {
    return name;
  }

  /** Raw default, or null when the key is required. */
  public String defaultValue() {
    return defaultValue;
  }

  /** The default, parsed (as a part's builder starts from it); null when the key is required. */
  public T parsedDefault() {
    return defaultValue == null ? null : parser.parse(defaultValue);
  }

  public String allowed() {
    return allowed;
  }

  public String doc() {
    return doc;
  }

  /**
   * The value of this key in {@code values} (or its default), parsed.
   *
   * @throws org.apache.flume.conf.ConfigurationException naming the component, the key, the value
   *     given and what is allowed
   */
  public T read(String component, Map<String, String> values) {
    String raw = values.get(name);
    if (raw == null || raw.trim().isEmpty()) {
      if (defaultValue == null) {
        throw ConfigErrors.invalid(
            component + ": " + name + " is required (" + allowed + "): " + doc);
      }
      raw = defaultValue;
    }
    try {
      return parser.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ConfigErrors.invalid(
          component
              + ": "
              + name
              + " = '"
              + raw
              + "' is not valid; allowed: "
              + (e.getMessage() != null && !e.getMessage().equals(allowed)
                  ? e.getMessage() + "; "
                  : "")
              + allowed);
    }
  }
}
