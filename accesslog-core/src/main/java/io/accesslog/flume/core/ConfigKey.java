package io.accesslog.flume.core;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One configuration key, declared once: its name, default, what is allowed, its documentation and
 * its parser. README key tables are generated from these declarations ({@link KeyTable}).
 *
 * <p>Components differ in where values come from (a Flume {@code Context}, system properties,
 * command-line options) and in the exception they must throw, so this class parses text and throws
 * {@link IllegalArgumentException} whose message says what was wrong and what is allowed; the
 * component names itself and wraps it. Immutable.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  /** Parses a trimmed raw value; throws IllegalArgumentException saying what is wrong. */
  public interface Parser<T> {
    T parse(String raw);
  }

  /** What a key's value is, so cross-component tests can find every key of a kind. */
  public enum Kind {
    TEXT,
    INTEGER,
    DURATION,
    SIZE,
    CHOICE,
    /** A key with its own parser ({@link #of}). */
    OTHER
  }

  private final String name;
  private final Kind kind;
  private final long min;
  private final long max;
  private final String defaultValue;
  private final String allowed;
  private final String doc;
  private final Parser<T> parser;
  private final TimeUnit legacyBareUnit;

  /** A duration key that also takes {@code 0}, meaning off, below its minimum. */
  private boolean zeroIsOff;

  private ConfigKey(
      String name,
      Kind kind,
      long min,
      long max,
      String defaultValue,
      String allowed,
      String doc,
      Parser<T> parser,
      TimeUnit legacyBareUnit) {
    this.name = name;
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.doc = doc;
    this.parser = parser;
    this.legacyBareUnit = legacyBareUnit;
  }

  /**
   * @param defaultValue the default as a user writes it, or null (required, or unset means off)
   */
  public static <T> ConfigKey<T> of(
      String name, String defaultValue, String allowed, String doc, Parser<T> parser) {
    return new ConfigKey<>(
        name, Kind.OTHER, Long.MIN_VALUE, Long.MAX_VALUE, defaultValue, allowed, doc, parser, null);
  }

  public static ConfigKey<String> string(
      String name, String defaultValue, String allowed, String doc) {
    return new ConfigKey<>(
        name,
        Kind.TEXT,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        defaultValue,
        allowed,
        doc,
        raw -> raw,
        null);
  }

  /** An integer in {@code [min, max]}; {@code _} separators allowed. */
  public static ConfigKey<Long> integer(
      String name, String defaultValue, long min, long max, String allowed, String doc) {
    return new ConfigKey<>(
        name,
        Kind.INTEGER,
        min,
        max,
        defaultValue,
        allowed,
        doc,
        raw -> {
          long v;
          try {
            v = Long.parseLong(raw.replace("_", ""));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer", e);
          }
          return inRange(v, min, max, Long.toString(min), Long.toString(max));
        },
        null);
  }

  /**
   * A duration in milliseconds ({@link Durations}), in {@code [minMillis, maxMillis]}.
   *
   * @param allowed the range as the README states it; null: {@code "<min> to <max>"}
   */
  public static ConfigKey<Long> duration(
      String name,
      String defaultValue,
      long minMillis,
      long maxMillis,
      String allowed,
      String doc) {
    String range =
        allowed != null
            ? allowed
            : Durations.format(minMillis) + " to " + Durations.format(maxMillis);
    return new ConfigKey<>(
        name,
        Kind.DURATION,
        minMillis,
        maxMillis,
        defaultValue,
        range + " (" + Durations.SYNTAX + ")",
        doc,
        raw ->
            inRange(
                Durations.parseMillis(raw),
                minMillis,
                maxMillis,
                Durations.format(minMillis),
                Durations.format(maxMillis)),
        null);
  }

  /**
   * As {@link #duration} ({@code allowed} computed), and {@code 0} too, meaning off: {@code "0
   * (off) or <min> to <max>"}.
   */
  public static ConfigKey<Long> durationOrOff(
      String name, String defaultValue, long minMillis, long maxMillis, String doc) {
    String range =
        "0 (off) or " + Durations.format(minMillis) + " to " + Durations.format(maxMillis);
    ConfigKey<Long> key =
        new ConfigKey<>(
            name,
            Kind.DURATION,
            minMillis,
            maxMillis,
            defaultValue,
            range + " (" + Durations.SYNTAX + ")",
            doc,
            raw -> {
              long v = Durations.parseMillis(raw);
              return v == 0
                  ? 0L
                  : inRange(
                      v,
                      minMillis,
                      maxMillis,
                      Durations.format(minMillis),
                      Durations.format(maxMillis));
            },
            null);
    key.zeroIsOff = true;
    return key;
  }

  /** A size in bytes ({@link Sizes}), in {@code [minBytes, maxBytes]}. */
  public static ConfigKey<Long> size(
      String name, String defaultValue, long minBytes, long maxBytes, String doc) {
    String range = Sizes.format(minBytes) + " to " + Sizes.format(maxBytes);
    return new ConfigKey<>(
        name,
        Kind.SIZE,
        minBytes,
        maxBytes,
        defaultValue,
        range + " (" + Sizes.SYNTAX + ")",
        doc,
        raw ->
            inRange(
                Sizes.parseBytes(raw),
                minBytes,
                maxBytes,
                Sizes.format(minBytes),
                Sizes.format(maxBytes)),
        null);
  }

  /** One of {@code values}, case-insensitive; returns the declared spelling. */
  public static ConfigKey<String> choice(
      String name, String defaultValue, String doc, String... values) {
    String allowed = String.join(", ", values);
    return new ConfigKey<>(
        name,
        Kind.CHOICE,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        defaultValue,
        allowed,
        doc,
        raw -> {
          for (String candidate : values) {
            if (candidate.equalsIgnoreCase(raw)) {
              return candidate;
            }
          }
          throw new IllegalArgumentException("not one of " + allowed);
        },
        null);
  }

  /**
   * This duration key used to read a bare number in {@code unit} (not milliseconds): it still does,
   * and {@link #parse(String, Consumer)} reports a deprecation. Only for keys that shipped so.
   */
  public ConfigKey<T> bareNumberIn(TimeUnit unit) {
    String legacy =
        allowed.replace(
            Durations.SYNTAX,
            Durations.SYNTAX
                + "; a bare number is "
                + unit.name().toLowerCase(Locale.ROOT)
                + " here, deprecated");
    return new ConfigKey<>(
        name,
        kind,
        min,
        max,
        defaultValue,
        legacy,
        doc,
        raw -> parser.parse(Durations.isBareNumber(raw) ? raw.trim() + unitSuffix(unit) : raw),
        unit);
  }

  private static String unitSuffix(TimeUnit unit) {
    switch (unit) {
      case SECONDS:
        return "s";
      case MINUTES:
        return "m";
      case HOURS:
        return "h";
      case DAYS:
        return "d";
      default:
        return "ms";
    }
  }

  private static long inRange(long v, long min, long max, String minText, String maxText) {
    if (v < min || v > max) {
      throw new IllegalArgumentException("out of range " + minText + " to " + maxText);
    }
    return v;
  }

  public String name() {
    return name;
  }

  /** Whether {@code 0} is accepted as off below {@link #min()} (a {@link #durationOrOff} key). */
  public boolean zeroIsOff() {
    return zeroIsOff;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The smallest value allowed: milliseconds for a {@link Kind#DURATION}, bytes for a {@link
   * Kind#SIZE}; {@link Long#MIN_VALUE} for kinds without a range.
   */
  public long min() {
    return min;
  }

  /** The largest value allowed, in the unit of {@link #min()}. */
  public long max() {
    return max;
  }

  /** The default as a user writes it, or null. */
  public String defaultValue() {
    return defaultValue;
  }

  public String allowed() {
    return allowed;
  }

  public String doc() {
    return doc;
  }

  /** True for a duration key that reads a bare number in a legacy unit ({@link #bareNumberIn}). */
  public boolean hasLegacyBareUnit() {
    return legacyBareUnit != null;
  }

  /**
   * Parses {@code raw} (trimmed first).
   *
   * @throws IllegalArgumentException saying what is wrong (the caller adds the key, the value and
   *     {@link #allowed()})
   */
  public T parse(String raw) {
    return parser.parse(raw.trim());
  }

  /** As {@link #parse(String)}, telling {@code deprecations} when the value uses a legacy form. */
  public T parse(String raw, Consumer<String> deprecations) {
    T value = parse(raw);
    if (legacyBareUnit != null && Durations.isBareNumber(raw)) {
      deprecations.accept(
          name
              + " = "
              + raw.trim()
              + " is read as "
              + raw.trim()
              + unitSuffix(legacyBareUnit)
              + " as before; write the unit ("
              + raw.trim()
              + unitSuffix(legacyBareUnit)
              + "): a bare number means milliseconds in every other "
              + "duration key and will here too");
    }
    return value;
  }
}
