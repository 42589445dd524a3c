package io.accesslog.flume.source.kafka;

import io.accesslog.flume.core.Durations;
import io.accesslog.flume.core.KeyTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * One configuration key declared once: accesslog-core's {@link io.accesslog.flume.core.ConfigKey}
 * (name, default, what is allowed, documentation, parser), read from Flume's {@link Context} the
 * source's way: a key may have a default computed from other keys, and a value the parser rejects
 * becomes a {@link ConfigurationException} that names the key, the value given and what is allowed.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {

  /** Parses a trimmed raw value; throws {@link IllegalArgumentException} if it is not allowed. */
  public interface Parser<T> extends io.accesslog.flume.core.ConfigKey.Parser<T> {}

  private final io.accesslog.flume.core.ConfigKey<T> key;
  private final boolean computedDefault;

  private ConfigKey(io.accesslog.flume.core.ConfigKey<T> key, boolean computedDefault) {
    this.key = key;
    this.computedDefault = computedDefault;
  }

  private ConfigKey(
      String name,
      String defaultValue,
      String allowed,
      String doc,
      Parser<T> parser,
      boolean computedDefault) {
    this(
        io.accesslog.flume.core.ConfigKey.of(name, defaultValue, allowed, doc, parser),
        computedDefault);
  }

  /** A key with a default; {@code defaultValue} is itself parsed, so it must be allowed. */
  public static <T> ConfigKey<T> optional(
      String name, String defaultValue, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, defaultValue, allowed, doc, parser, false);
  }

  /**
   * A duration in milliseconds in the one grammar ({@link Durations}: {@code 500ms}, {@code 2s}; a
   * bare number is milliseconds, as in stock Flume's {@code *Millis} keys), with a default.
   */
  public static ConfigKey<Long> millis(
      String name, String defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.duration(name, defaultValue, min, max, null, doc), false);
  }

  /** As {@link #millis}, and {@code 0} meaning off. */
  public static ConfigKey<Long> millisOrOff(
      String name, String defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.durationOrOff(name, defaultValue, min, max, doc), false);
  }

  /**
   * A size in bytes in the one grammar ({@link io.accesslog.flume.core.Sizes}: {@code 64MB}, {@code
   * 512k}; a bare number is bytes), from {@code min} to {@code max}, with a default.
   */
  public static ConfigKey<Long> bytes(
      String name, String defaultValue, long min, long max, String doc) {
    return new ConfigKey<>(
        io.accesslog.flume.core.ConfigKey.size(name, defaultValue, min, max, doc), false);
  }

  /**
   * A key whose default depends on other keys; {@code defaultDescription} is documentation only and
   * the caller reads it with {@link #readIfSet(Context)}.
   */
  static <T> ConfigKey<T> computed(
      String name, String defaultDescription, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, defaultDescription, allowed, doc, parser, true);
  }

  /** A key without a default: absent means off (read it with {@link #readIfSet(Context)}). */
  public static <T> ConfigKey<T> unset(String name, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, null, allowed, doc, parser, true);
  }

  /** A key the user must set. */
  public static <T> ConfigKey<T> required(
      String name, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, null, allowed, doc, parser, false);
  }

  public String name() {
    return key.name();
  }

  /** The default as written in a properties file, or {@code null} if the key is required. */
  String defaultValue() {
    return key.defaultValue();
  }

  /** The README's default column. */
  String defaultColumn() {
    if (key.defaultValue() == null) {
      return computedDefault ? "(none)" : "(required)";
    }
    return "`" + key.defaultValue() + "`";
  }

  String allowed() {
    return key.allowed();
  }

  String doc() {
    return key.doc();
  }

  /** The parsed value, or {@code null} if the key is absent. */
  public T readIfSet(Context context) {
    String raw = context.getString(name());
    return raw == null ? null : parse(raw);
  }

  public T read(Context context) {
    if (computedDefault) {
      throw new IllegalStateException(name() + " has a computed default: use readIfSet");
    }
    String raw = context.getString(name());
    if (raw == null) {
      if (key.defaultValue() == null) {
        throw new ConfigurationException(
            String.format(
                "%s is required but not set; allowed: %s (%s)", name(), allowed(), doc()));
      }
      raw = key.defaultValue();
    }
    return parse(raw);
  }

  public T parse(String raw) {
    try {
      return key.parse(raw);
    } catch (IllegalArgumentException e) {
      throw invalid(name(), raw, allowed());
    }
  }

  public static ConfigurationException invalid(String key, String value, String allowed) {
    return new ConfigurationException(
        String.format("%s value was set to '%s', must be %s", key, value, allowed));
  }

  /**
   * A README table: one row per key, then the rejected {@code kafka.consumer.*} keys and the
   * pass-through row.
   *
   * @param setBy who sets the rejected keys, e.g. "the source"
   */
  public static String markdownTable(List<ConfigKey<?>> keys, String setBy) {
    KeyTable table = KeyTable.withHeaders("Key", "Default", "Allowed", "Description");
    for (ConfigKey<?> key : keys) {
      table.row("`" + key.name() + "`", key.defaultColumn(), key.allowed(), key.doc());
    }
    for (Map.Entry<String, String> forbidden : KafkaConsumerConfig.forbiddenKeys().entrySet()) {
      table.row(
          "`" + forbidden.getKey() + "`",
          "(set by " + setBy + ")",
          "must not be set",
          "Rejected: " + forbidden.getValue() + ".");
    }
    return table
        .row(
            "`kafka.consumer.*`",
            "Kafka's",
            "see the Kafka consumer docs",
            KafkaConsumerConfig.PASS_THROUGH)
        .markdown();
  }

  // ---- parsers ---------------------------------------------------------------------------

  public static Parser<Integer> intIn(int min, int max) {
    return raw -> {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException(raw);
      }
      return value;
    };
  }

  /** Only {@code true} or {@code false} (any case); a typo is an error, not {@code false}. */
  public static Parser<Boolean> bool() {
    return raw -> {
      String lower = raw.toLowerCase(Locale.ROOT);
      if (lower.equals("true")) {
        return Boolean.TRUE;
      }
      if (lower.equals("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException(raw);
    };
  }

  /** Exactly one of {@code values} (case-sensitive, as Kafka expects). */
  public static Parser<String> oneOf(String... values) {
    return raw -> {
      for (String value : values) {
        if (value.equals(raw)) {
          return value;
        }
      }
      throw new IllegalArgumentException(raw);
    };
  }

  public static Parser<String> nonEmpty() {
    return raw -> {
      if (raw.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return raw;
    };
  }

  /** A comma-separated list of non-empty items, each matching {@code itemPattern}. */
  public static Parser<List<String>> list(String itemPattern) {
    return raw -> {
      List<String> items = new ArrayList<>();
      for (String part : raw.split(",", -1)) {
        String item = part.trim();
        if (!item.matches(itemPattern)) {
          throw new IllegalArgumentException(item);
        }
        if (!items.contains(item)) {
          items.add(item);
        }
      }
      return Collections.unmodifiableList(items);
    };
  }
}
