package io.accesslog.flume.collector;

import java.util.List;
import java.util.Locale;

/**
 * The Prometheus family of one report attribute, from its declared {@code kind:unit} (the
 * reporter's format 2), following the Prometheus naming guidelines: base units (milliseconds become
 * seconds, percentages ratios, epoch milliseconds {@code _seconds} timestamps), {@code _total} on
 * counters only, the unit as the last word, no stutter ({@code ChannelFillPercentage} of a channel
 * is {@code flume_channel_fill_ratio}), no {@code _count} suffix outside histograms. Pure.
 *
 * <p>Kinds: {@code counter}, {@code gauge}, {@code info} (text: not exported), {@code
 * gauge_by_partition} (text {@code topic-partition=value,...}: one sample per partition, labels
 * {@code topic} and {@code partition}). Units: {@code 1}, {@code bytes}, {@code ms}, {@code
 * percent}, {@code epoch_ms}.
 *
 * @param family the metric family name
 * @param type the Prometheus type: {@code counter}, {@code gauge} or {@code untyped}
 * @param scale what the report's value is multiplied by (1/1000 for milliseconds, 1/100 for
 *     percent)
 * @param byPartition whether the value is a {@code topic-partition=value,...} text
 */
record MetricName(String family, String type, double scale, boolean byPartition) {
  static final List<String> KINDS = List.of("counter", "gauge", "info", "gauge_by_partition");
  static final List<String> UNITS = List.of("1", "bytes", "ms", "percent", "epoch_ms");

  static boolean valid(String declared) {
    int colon = declared.indexOf(':');
    return colon > 0
        && KINDS.contains(declared.substring(0, colon))
        && UNITS.contains(declared.substring(colon + 1));
  }

  /**
   * The family of {@code attribute} of a component of {@code componentType} (SOURCE, CHANNEL, ...)
   * declared {@code declared}; {@code null} for an {@code info} attribute (text, not a sample).
   */
  static MetricName of(String componentType, String attribute, String declared) {
    int colon = declared.indexOf(':');
    String kind = declared.substring(0, colon);
    String unit = declared.substring(colon + 1);
    if (kind.equals("info")) {
      return null;
    }
    String type = snake(componentType);
    String base = snake(attribute);
    if (base.startsWith(type + "_") && base.length() > type.length() + 1) {
      base = base.substring(type.length() + 1);
    }
    boolean counter = kind.equals("counter");
    boolean byPartition = kind.equals("gauge_by_partition");
    if (byPartition) {
      base = strip(base, "_by_partition");
      base =
          base.startsWith("kafka_") ? "kafka_partition_" + base.substring(6) : "partition_" + base;
    }
    base = strip(strip(base, "_total"), "_count");
    double scale = 1;
    switch (unit) {
      case "ms" -> {
        base = withUnit(strip(strip(strip(base, "_millis"), "_ms"), "_timer"), "seconds", "millis");
        scale = 0.001;
      }
      case "epoch_ms" -> {
        base = withUnit(strip(base, "_millis"), "seconds", "millis");
        scale = 0.001;
      }
      case "percent" -> {
        base = strip(strip(base, "_percentage"), "_percent");
        base = base.endsWith("_ratio") || base.equals("ratio") ? base : base + "_ratio";
        scale = 0.01;
      }
      case "bytes" -> base = withUnit(base, "bytes", "bytes");
      default -> {}
    }
    return new MetricName(
        "flume_" + type + "_" + base + (counter ? "_total" : ""),
        counter ? "counter" : "gauge",
        scale,
        byPartition);
  }

  /**
   * The family of an attribute a typed report does not declare (exported {@code untyped}), or of
   * any numeric attribute of a format-1 report: today's guess from the name, kept for old
   * reporters.
   */
  static MetricName guessed(String componentType, String attribute, boolean untyped) {
    String type = snake(componentType);
    if (untyped) {
      return new MetricName(
          "flume_" + type + "_" + strip(snake(attribute), "_total"), "untyped", 1, false);
    }
    if (attribute.endsWith("Count") && attribute.length() > 5) {
      return new MetricName(
          "flume_" + type + "_" + snake(attribute.substring(0, attribute.length() - 5)) + "_total",
          "counter",
          1,
          false);
    }
    return new MetricName(
        "flume_" + type + "_" + strip(snake(attribute), "_total"), "gauge", 1, false);
  }

  /** {@code word} moved to the end: {@code hdfs_bytes_written} -> {@code hdfs_written_bytes}. */
  private static String withUnit(String base, String unit, String alias) {
    String out = ("_" + base + "_").replace("_" + unit + "_", "_").replace("_" + alias + "_", "_");
    out = out.substring(1, Math.max(1, out.length() - 1));
    return out.isEmpty() ? unit : out + "_" + unit;
  }

  private static String strip(String base, String suffix) {
    return base.endsWith(suffix) && base.length() > suffix.length()
        ? base.substring(0, base.length() - suffix.length())
        : base;
  }

  /**
   * {@code EventAcceptedCount} -> {@code event_accepted_count}; anything outside [a-zA-Z0-9_]
   * becomes '_'.
   */
  static String snake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)
          && i > 0
          && (Character.isLowerCase(name.charAt(i - 1))
              || Character.isDigit(name.charAt(i - 1))
              || (i + 1 < name.length()
                  && Character.isLowerCase(name.charAt(i + 1))
                  && Character.isUpperCase(name.charAt(i - 1))))) {
        out.append('_');
      }
      boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      out.append(allowed ? Character.toLowerCase(c) : '_');
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
