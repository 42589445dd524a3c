package io.accesslog.flume.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * One configuration key declared once: its name, default, what is allowed, its documentation and
 * its parser. A value the parser rejects becomes a {@link ConfigurationException} that names the
 * key, the value given and what is allowed.
 *
 * @param <T> the parsed type
 */
final class ConfigKey<T> {

  /** Parses a trimmed raw value; throws {@link IllegalArgumentException} if it is not allowed. */
  interface Parser<T> {
    T parse(String raw);
  }

  private final String name;
  private final String defaultValue;
  private final String allowed;
  private final String doc;
  private final Parser<T> parser;
  private final boolean computedDefault;

  private ConfigKey(String name, String defaultValue, String allowed, String doc,
      Parser<T> parser, boolean computedDefault) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.doc = doc;
    this.parser = parser;
    this.computedDefault = computedDefault;
  }

  /** A key with a default; {@code defaultValue} is itself parsed, so it must be allowed. */
  static <T> ConfigKey<T> optional(String name, String defaultValue, String allowed, String doc,
      Parser<T> parser) {
    return new ConfigKey<>(name, defaultValue, allowed, doc, parser, false);
  }

  /**
   * A key whose default depends on other keys; {@code defaultDescription} is documentation only
   * and the caller reads it with {@link #readIfSet(Context)}.
   */
  static <T> ConfigKey<T> computed(String name, String defaultDescription, String allowed,
      String doc, Parser<T> parser) {
    return new ConfigKey<>(name, defaultDescription, allowed, doc, parser, true);
  }

  /** A key without a default: absent means off (read it with {@link #readIfSet(Context)}). */
  static <T> ConfigKey<T> unset(String name, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, null, allowed, doc, parser, true);
  }

  /** A key the user must set. */
  static <T> ConfigKey<T> required(String name, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(name, null, allowed, doc, parser, false);
  }

  String name() {
    return name;
  }

  /** The default as written in a properties file, or {@code null} if the key is required. */
  String defaultValue() {
    return defaultValue;
  }

  /** The README's default column. */
  String defaultColumn() {
    if (defaultValue == null) {
      return computedDefault ? "(none)" : "(required)";
    }
    return "`" + defaultValue + "`";
  }

  String allowed() {
    return allowed;
  }

  String doc() {
    return doc;
  }

  /** The parsed value, or {@code null} if the key is absent. */
  T readIfSet(Context context) {
    String raw = context.getString(name);
    return raw == null ? null : parse(raw);
  }

  T read(Context context) {
    if (computedDefault) {
      throw new IllegalStateException(name + " has a computed default: use readIfSet");
    }
    String raw = context.getString(name);
    if (raw == null) {
      if (defaultValue == null) {
        throw new ConfigurationException(String.format(
            "%s is required but not set; allowed: %s (%s)", name, allowed, doc));
      }
      raw = defaultValue;
    }
    return parse(raw);
  }

  T parse(String raw) {
    try {
      return parser.parse(raw.trim());
    } catch (IllegalArgumentException e) {
      throw invalid(name, raw, allowed);
    }
  }

  static ConfigurationException invalid(String key, String value, String allowed) {
    return new ConfigurationException(
        String.format("%s value was set to '%s', must be %s", key, value, allowed));
  }

  /**
   * A README table: one row per key, then the rejected {@code kafka.consumer.*} keys and the
   * pass-through row.
   *
   * @param setBy who sets the rejected keys, e.g. "the source"
   * @param passThrough description of the {@code kafka.consumer.*} pass-through row
   */
  static String markdownTable(List<ConfigKey<?>> keys, String setBy, String passThrough) {
    StringBuilder out = new StringBuilder();
    out.append("| Key | Default | Allowed | Description |\n");
    out.append("| --- | --- | --- | --- |\n");
    for (ConfigKey<?> key : keys) {
      out.append("| `").append(key.name()).append("` | ")
          .append(key.defaultColumn())
          .append(" | ").append(key.allowed())
          .append(" | ").append(key.doc()).append(" |\n");
    }
    for (Map.Entry<String, String> forbidden
        : KafkaConsumerConfig.forbiddenKeys().entrySet()) {
      out.append("| `").append(forbidden.getKey()).append("` | (set by ").append(setBy)
          .append(") | must not be set | Rejected: ").append(forbidden.getValue()).append(". |\n");
    }
    out.append("| `kafka.consumer.*` | Kafka's | see the Kafka consumer docs | ")
        .append(passThrough).append(" |\n");
    return out.toString();
  }

  // ---- parsers ---------------------------------------------------------------------------

  static Parser<Long> longIn(long min, long max) {
    return raw -> {
      long value = Long.parseLong(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException(raw);
      }
      return value;
    };
  }

  static Parser<Integer> intIn(int min, int max) {
    return raw -> {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new IllegalArgumentException(raw);
      }
      return value;
    };
  }

  /** Only {@code true} or {@code false} (any case); a typo is an error, not {@code false}. */
  static Parser<Boolean> bool() {
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
  static Parser<String> oneOf(String... values) {
    return raw -> {
      for (String value : values) {
        if (value.equals(raw)) {
          return value;
        }
      }
      throw new IllegalArgumentException(raw);
    };
  }

  static Parser<String> nonEmpty() {
    return raw -> {
      if (raw.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return raw;
    };
  }

  /** A comma-separated list of non-empty items, each matching {@code itemPattern}. */
  static Parser<List<String>> list(String itemPattern) {
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
