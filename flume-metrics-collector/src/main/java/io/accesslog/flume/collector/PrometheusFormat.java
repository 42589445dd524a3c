package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * All agents in the Prometheus text exposition format (0.0.4), one scrape target for every agent.
 * Every numeric attribute of a component becomes the gauge {@code flume_<type>_<attribute in snake
 * case>} with labels {@code identity}, {@code host}, {@code agent}, {@code component}; the collector adds
 * per-agent status, report age, rates and JVM gauges. A family's lines stay together, as the format
 * requires.
 */
final class PrometheusFormat {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Map<String, Family> families = new TreeMap<>();

  private record Family(String help, String type, List<String> samples) { }

  static String render(List<AgentView> agents, long now) {
    PrometheusFormat out = new PrometheusFormat();
    for (AgentView agent : agents) {
      Report latest = agent.latest();
      String base = "identity=\"" + label(agent.identity()) + "\",host=\"" + label(latest.host())
          + "\",agent=\"" + label(latest.agent()) + "\"";
      for (AgentView.Status status : AgentView.Status.values()) {
        out.add("flume_agent_status", "1 for the agent's current status (OK, STALE, ALERT).",
            "{" + base + ",status=\"" + status + "\"}", agent.status() == status ? 1 : 0);
      }
      out.add("flume_agent_up", "1 unless the agent is STALE.", "{" + base + "}", agent.status() == AgentView.Status.STALE ? 0 : 1);
      out.add("flume_agent_last_report_age_seconds", "Seconds since the collector received the agent's latest report.",
          "{" + base + "}", Math.max(0, now - latest.receivedAt()) / 1000.0);
      out.counter("flume_agent_reports_total", "The agent's report sequence number (latest report).", "{" + base + "}", latest.reportCount());
      out.add("flume_agent_start_time_seconds", "When the agent's JVM started (Unix time).", "{" + base + "}", latest.startTime() / 1000.0);
      for (Map.Entry<String, Long> jvm : latest.jvm().entrySet()) {
        out.jvm(jvm.getKey(), "{" + base + "}", jvm.getValue());
      }
      for (AgentView.ComponentView component : agent.components()) {
        String labels = "{" + base + ",component=\"" + label(component.name()) + "\"}";
        if (component.inPerSecond() != null) {
          out.add("flume_component_events_in_per_second", "Events in per second between the latest two reports.", labels, component.inPerSecond());
        }
        if (component.outPerSecond() != null) {
          out.add("flume_component_events_out_per_second", "Events out per second between the latest two reports.", labels, component.outPerSecond());
        }
      }
      for (Map.Entry<String, Map<String, String>> component : latest.metrics().entrySet()) {
        String name = component.getKey();
        String type = snake(name.substring(0, name.indexOf('.')));
        String labels = "{" + base + ",component=\"" + label(name.substring(name.indexOf('.') + 1)) + "\"}";
        for (Map.Entry<String, String> attribute : component.getValue().entrySet()) {
          Double value = Numbers.parse(attribute.getValue());
          String key = attribute.getKey();
          String help = "Flume " + type.toUpperCase(Locale.ROOT) + " attribute " + key + ".";
          if (value == null) {
            continue;
          }
          if (key.endsWith("Count") && key.length() > 5) {
            out.counter("flume_" + type + "_" + snake(key.substring(0, key.length() - 5)) + "_total", help, labels, value);
          } else {
            // A gauge must not end in _total (Prometheus reserves it for counters): KafkaLagTotal -> kafka_lag.
            String gauge = snake(key).replaceAll("_total$", "");
            out.add("flume_" + type + "_" + gauge, help, labels, value);
          }
        }
      }
    }
    return out.text();
  }

  private void add(String name, String help, String labels, double value) {
    sample(name, help, "gauge", labels, value);
  }

  private void counter(String name, String help, String labels, double value) {
    sample(name, help, "counter", labels, value);
  }

  private void sample(String name, String help, String type, String labels, double value) {
    families.computeIfAbsent(name, n -> new Family(help, type, new ArrayList<>())).samples().add(name + labels + " " + number(value));
  }

  /** The reporter's JVM figures in base units (bytes, seconds), as Prometheus names want them. */
  private void jvm(String key, String labels, long value) {
    String help = "JVM " + key + " from the agent's report.";
    switch (key) {
      case "gcCount" -> counter("flume_jvm_gc_collections_total", help, labels, value);
      case "gcTimeMillis" -> counter("flume_jvm_gc_time_seconds_total", help, labels, value / 1000.0);
      case "uptimeMillis" -> add("flume_jvm_uptime_seconds", help, labels, value / 1000.0);
      default -> add("flume_jvm_" + snake(key) + (key.startsWith("heap") ? "_bytes" : ""), help, labels, value);
    }
  }

  private String text() {
    StringBuilder text = new StringBuilder();
    families.forEach((name, family) -> {
      text.append("# HELP ").append(name).append(' ').append(family.help()).append('\n');
      text.append("# TYPE ").append(name).append(' ').append(family.type()).append('\n');
      family.samples().forEach(sample -> text.append(sample).append('\n'));
    });
    return text.toString();
  }

  /** {@code EventAcceptedCount} -> {@code event_accepted_count}; anything outside [a-zA-Z0-9_] becomes '_'. */
  static String snake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(name.charAt(i - 1))
          || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1)) && Character.isUpperCase(name.charAt(i - 1))))) {
        out.append('_');
      }
      boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      out.append(allowed ? Character.toLowerCase(c) : '_');
    }
    return out.toString();
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
