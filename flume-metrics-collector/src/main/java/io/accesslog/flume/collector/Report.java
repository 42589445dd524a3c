package io.accesslog.flume.collector;

import java.util.Map;

/**
 * One validated report as an agent's reporter sent it, plus when the collector received it. {@code
 * metrics} is keyed like Flume's HTTP /metrics ({@code "SOURCE.kafka"} to attribute to value).
 * {@code types} is keyed the same way, attribute to declared {@code kind:unit} ({@link
 * MetricName}); it is {@code null} for a report of a reporter older than format 2, which declares
 * no types.
 */
record Report(
    String identity,
    String host,
    String agent,
    long startTime,
    long reportTime,
    long reportCount,
    long intervalMillis,
    Map<String, Long> jvm,
    Map<String, Map<String, String>> metrics,
    Map<String, Map<String, String>> types,
    long receivedAt) {

  /** This report with {@code shared} (an equal map) as its types. */
  Report withTypes(Map<String, Map<String, String>> shared) {
    return new Report(
        identity,
        host,
        agent,
        startTime,
        reportTime,
        reportCount,
        intervalMillis,
        jvm,
        metrics,
        shared,
        receivedAt);
  }

  /** Whether the reporter declared its attributes' types (format 2 and later). */
  boolean typed() {
    return types != null;
  }

  /** The declared {@code kind:unit} of one attribute, or {@code null}. */
  String type(String component, String attribute) {
    Map<String, String> declared = types == null ? null : types.get(component);
    return declared == null ? null : declared.get(attribute);
  }

  /** A numeric attribute, or {@code null} when absent or not a number. */
  Double number(String component, String attribute) {
    Map<String, String> values = metrics.get(component);
    String raw = values == null ? null : values.get(attribute);
    return raw == null ? null : Numbers.parse(raw);
  }
}
