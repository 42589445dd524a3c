package io.accesslog.flume.sink.config;

import io.accesslog.flume.core.Durations;
import io.accesslog.flume.core.Sizes;
import java.util.Map;

/**
 * One sink configuration key: accesslog-core's {@link io.accesslog.flume.core.ConfigKey} (the one
 * key type, duration and size grammar of every component), read from the sink's property map with
 * the sink's error (Flume's {@code ConfigurationException}, made by {@link ConfigErrors} so these
 * keys load without Flume on the classpath, as the operations tool needs). The README's key table
 * is generated from these declarations.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  /**
   * Parses and validates a raw value; throws IllegalArgumentException whose message says what is
   * allowed.
   */
  public interface Parser<T> extends io.accesslog.flume.core.ConfigKey.Parser<T> {}

  private final io.accesslog.flume.core.ConfigKey<T> key;

  /**
   * Whether a parse error's own message is worth showing next to {@link #allowed()}: yes for keys
   * with their own parser ({@link #of}), no for the typed ones, whose allowed text says it all.
   */
  private final boolean detail;

  private ConfigKey(io.accesslog.flume.core.ConfigKey<T> key, boolean detail) {
    this.key = key;
    this.detail = detail;
  }

  private ConfigKey(io.accesslog.flume.core.ConfigKey<T> key) {
    this(key, false);
  }

  /**
   * @param defaultValue raw default text, or null for a required key
   */
  public static <T> ConfigKey<T> of(
      String name, String defaultValue, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.of(name, defaultValue, allowed, doc, parser), true);
  }

  public static ConfigKey<Long> integer(
      String name, long defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.integer(
            name,
            Long.toString(defaultValue),
            min,
            max,
            "an integer from " + min + " to " + max,
            doc));
  }

  /** A size in bytes in the one size grammar. */
  public static ConfigKey<Long> bytes(
      String name, String defaultValue, long min, long max, String doc) {
    String allowed =
        "a size from " + Sizes.format(min) + " to " + Sizes.format(max) + " (" + Sizes.SYNTAX + ")";
    io.accesslog.flume.core.ConfigKey<Long> size =
        io.accesslog.flume.core.ConfigKey.size(name, defaultValue, min, max, doc);
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.of(name, defaultValue, allowed, doc, size::parse));
  }

  /** A duration in milliseconds in the one duration grammar (a bare number is milliseconds). */
  public static ConfigKey<Long> millis(
      String name, String defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.duration(
            name,
            defaultValue,
            min,
            max,
            "a duration from " + Durations.format(min) + " to " + Durations.format(max),
            doc));
  }

  public static ConfigKey<String> choice(
      String name, String defaultValue, String doc, String... values) {
    io.accesslog.flume.core.ConfigKey<String> choice =
        io.accesslog.flume.core.ConfigKey.choice(name, defaultValue, doc, values);
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.of(
            name, defaultValue, "one of " + choice.allowed(), doc, choice::parse));
  }

  public static ConfigKey<String> string(
      String name, String defaultValue, String allowed, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.string(name, defaultValue, allowed, doc));
  }

  /** The core key (for the README table and the shared grammar tests). */
  public io.accesslog.flume.core.ConfigKey<T> core() {
    return key;
  }

  public String name() {
    return key.name();
  }

  /** Raw default, or null when the key is required. */
  public String defaultValue() {
    return key.defaultValue();
  }

  /** The default, parsed (as a part's builder starts from it); null when the key is required. */
  public T parsedDefault() {
    return key.defaultValue() == null ? null : key.parse(key.defaultValue());
  }

  public String allowed() {
    return key.allowed();
  }

  public String doc() {
    return key.doc();
  }

  /**
   * The value of this key in {@code values} (or its default), parsed.
   *
   * @throws org.apache.flume.conf.ConfigurationException naming the component, the key, the value
   *     given and what is allowed
   */
  public T read(String component, Map<String, String> values) {
    String raw = values.get(key.name());
    if (raw == null || raw.trim().isEmpty()) {
      if (key.defaultValue() == null) {
        throw ConfigErrors.invalid(
            component + ": " + key.name() + " is required (" + key.allowed() + "): " + key.doc());
      }
      raw = key.defaultValue();
    }
    try {
      return key.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ConfigErrors.invalid(
          component
              + ": "
              + key.name()
              + " = '"
              + raw
              + "' is not valid; allowed: "
              + (detail && e.getMessage() != null && !e.getMessage().equals(key.allowed())
                  ? e.getMessage() + "; "
                  : "")
              + key.allowed());
    }
  }
}
