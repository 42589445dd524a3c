package io.accesslog.flume.collector;

import java.util.Map;

/**
 * One validated report as an agent's reporter sent it, plus when the collector received it.
 * {@code metrics} is keyed like Flume's HTTP /metrics ({@code "SOURCE.kafka"} to attribute to value).
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
    long receivedAt) {

  /** A numeric attribute, or {@code null} when absent or not a number. */
  Double number(String component, String attribute) {
    Map<String, String> values = metrics.get(component);
    String raw = values == null ? null : values.get(attribute);
    return raw == null ? null : Numbers.parse(raw);
  }
}
