package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * All agents in the Prometheus text exposition format (0.0.4), one scrape target for every agent.
 * Every attribute becomes the family its declared kind and unit give ({@link MetricName}) with
 * labels {@code identity}, {@code host}, {@code agent}, {@code component} (and {@code topic},
 * {@code partition} per partition); a format-1 report (no types) falls back to guessing from the
 * name, and says so in {@code flume_agent_metric_types_declared} and the HELP text. The collector
 * adds per-agent status, report age and JVM figures. Rates are left to PromQL's {@code rate()}. A
 * family's lines stay together, as the format requires.
 */
final class PrometheusFormat {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Map<String, Family> families = new TreeMap<>();

  private record Family(String help, String type, List<String> samples) {}

  static String render(List<AgentView> agents, long now) {
    PrometheusFormat out = new PrometheusFormat();
    for (AgentView agent : agents) {
      Report latest = agent.latest();
      String base =
          "identity=\""
              + label(agent.identity())
              + "\",host=\""
              + label(latest.host())
              + "\",agent=\""
              + label(latest.agent())
              + "\"";
      for (AgentView.Status status : AgentView.Status.values()) {
        out.add(
            "flume_agent_status",
            "1 for the agent's current status (OK, WARNING, CRITICAL, STALE).",
            "{" + base + ",status=\"" + status + "\"}",
            agent.status() == status ? 1 : 0);
      }
      for (AlertRules.Alert alert : agent.alerts()) {
        out.add(
            "flume_agent_alert",
            "1 per alert firing at the collector (the same rules ship as Prometheus rules).",
            "{"
                + base
                + ",alertname=\""
                + alert.name()
                + "\",severity=\""
                + alert.severity().name().toLowerCase(Locale.ROOT)
                + "\"}",
            1);
      }
      out.add(
          "flume_agent_up",
          "1 unless the agent is STALE.",
          "{" + base + "}",
          agent.status() == AgentView.Status.STALE ? 0 : 1);
      out.add(
          "flume_agent_last_report_age_seconds",
          "Seconds since the collector received the agent's latest report.",
          "{" + base + "}",
          Math.max(0, now - latest.receivedAt()) / 1000.0);
      out.counter(
          "flume_agent_reports_total",
          "The agent's report sequence number (latest report).",
          "{" + base + "}",
          latest.reportCount());
      out.add(
          "flume_agent_start_time_seconds",
          "When the agent's JVM started (Unix time).",
          "{" + base + "}",
          latest.startTime() / 1000.0);
      for (Map.Entry<String, Long> jvm : latest.jvm().entrySet()) {
        out.jvm(jvm.getKey(), "{" + base + "}", jvm.getValue());
      }
      out.add(
          "flume_agent_metric_types_declared",
          "1 when the agent's reporter declares its metric types (format 2); "
              + "0: an older reporter, types guessed from names.",
          "{" + base + "}",
          latest.typed() ? 1 : 0);
      int undeclared = 0;
      for (Map.Entry<String, Map<String, String>> component : latest.metrics().entrySet()) {
        String name = component.getKey();
        String type = name.substring(0, name.indexOf('.'));
        String labels =
            base + ",component=\"" + label(name.substring(name.indexOf('.') + 1)) + "\"";
        for (Map.Entry<String, String> attribute : component.getValue().entrySet()) {
          String key = attribute.getKey();
          String declared = latest.type(name, key);
          MetricName metric;
          if (declared != null) {
            metric = MetricName.of(type, key, declared);
          } else {
            Double value = Numbers.parse(attribute.getValue());
            if (value == null) {
              continue;
            }
            undeclared += latest.typed() ? 1 : 0;
            metric = MetricName.guessed(type, key, latest.typed());
          }
          if (metric == null) {
            continue;
          }
          String help =
              "Flume "
                  + type
                  + " attribute "
                  + key
                  + " ("
                  + (declared != null
                      ? declared
                      : latest.typed()
                          ? "undeclared"
                          : "type guessed from the name: reporter older than format 2")
                  + ").";
          if (metric.byPartition()) {
            partitions(out, metric, help, labels, attribute.getValue());
            continue;
          }
          Double value = Numbers.parse(attribute.getValue());
          if (value == null) {
            value = booleanValue(attribute.getValue());
          }
          if (value != null) {
            out.sample(
                metric.family(), help, metric.type(), "{" + labels + "}", value * metric.scale());
          }
        }
      }
      out.add(
          "flume_agent_undeclared_attributes",
          "Numeric attributes the agent's report does not declare a type for "
              + "(exported untyped).",
          "{" + base + "}",
          undeclared);
    }
    return out.text();
  }

  private void add(String name, String help, String labels, double value) {
    sample(name, help, "gauge", labels, value);
  }

  private void counter(String name, String help, String labels, double value) {
    sample(name, help, "counter", labels, value);
  }

  void sample(String name, String help, String type, String labels, double value) {
    Family family = families.computeIfAbsent(name, n -> new Family(help, type, new ArrayList<>()));
    // Two agents declaring one attribute differently: the first type stands (a family has one
    // type).
    if (family.type().equals(type)) {
      family.samples().add(name + labels + " " + number(value));
    }
  }

  /** The reporter's JVM figures in base units (bytes, seconds), as Prometheus names want them. */
  private void jvm(String key, String labels, long value) {
    String help = "JVM " + key + " from the agent's report.";
    switch (key) {
      case "gcCount" -> counter("flume_jvm_gc_collections_total", help, labels, value);
      case "gcTimeMillis" ->
          counter("flume_jvm_gc_time_seconds_total", help, labels, value / 1000.0);
      case "uptimeMillis" -> add("flume_jvm_uptime_seconds", help, labels, value / 1000.0);
      default ->
          add(
              "flume_jvm_" + snake(key) + (key.startsWith("heap") ? "_bytes" : ""),
              help,
              labels,
              value);
    }
  }

  private String text() {
    StringBuilder text = new StringBuilder();
    families.forEach(
        (name, family) -> {
          text.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
          text.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
          family.samples().forEach(sample -> text.append(sample).append('\n'));
        });
    return text.toString();
  }

  /**
   * {@code topic-partition=value,...}: one sample per partition, labelled {@code topic} and {@code
   * partition}.
   */
  private static void partitions(
      PrometheusFormat out, MetricName metric, String help, String labels, String text) {
    for (String entry : text.split(",")) {
      int eq = entry.lastIndexOf('=');
      int dash = eq < 0 ? -1 : entry.lastIndexOf('-', eq);
      Double value = eq < 0 ? null : Numbers.parse(entry.substring(eq + 1).trim());
      if (dash < 1 || value == null) {
        continue;
      }
      out.sample(
          metric.family(),
          help,
          metric.type(),
          "{"
              + labels
              + ",topic=\""
              + label(entry.substring(0, dash).trim())
              + "\",partition=\""
              + label(entry.substring(dash + 1, eq).trim())
              + "\"}",
          value * metric.scale());
    }
  }

  private static Double booleanValue(String raw) {
    return "true".equalsIgnoreCase(raw)
        ? Double.valueOf(1)
        : "false".equalsIgnoreCase(raw) ? Double.valueOf(0) : null;
  }

  /**
   * {@code EventAcceptedCount} -> {@code event_accepted_count}; anything outside [a-zA-Z0-9_]
   * becomes '_'.
   */
  static String snake(String name) {
    return MetricName.snake(name);
  }

  /** A label value: backslash, double quote and line feed escaped. */
  static String label(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
