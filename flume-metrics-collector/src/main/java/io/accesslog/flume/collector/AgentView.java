package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pages show about one agent, computed from its reports in the window and {@code now}
 * (pure: no clock, no IO). Rates are counter deltas between consecutive reports over the agents'
 * own report times; a pair across an agent restart (other start time, or a counter going down)
 * gives no rate.
 *
 * @param series one point per consecutive pair of reports, oldest first
 */
record AgentView(
    String identity,
    Status status,
    List<String> reasons,
    List<AlertRules.Alert> alerts,
    Report latest,
    int reportsInWindow,
    List<ComponentView> components,
    List<Point> series) {

  /**
   * The worst of the agent's firing alerts ({@link AlertRules}); STALE after {@code
   * stale-intervals} intervals without a report. Declared from the worst down: the page sorts
   * agents by it.
   */
  enum Status {
    STALE,
    CRITICAL,
    WARNING,
    OK
  }

  /**
   * One component in the latest report. Rates and gauges are {@code null} when the component has
   * none; {@code failures} sums every attribute whose name contains "Fail".
   */
  record ComponentView(
      String name,
      Double inPerSecond,
      Double outPerSecond,
      Double fillPercent,
      long failures,
      Double kafkaLag,
      Double spoolBytes,
      Double oldestUnflushedAgeMillis) {}

  /**
   * Rates between two consecutive reports, and the cumulative events in (sources'
   * EventAcceptedCount) and out (sinks' EventDrainSuccessCount) at the later one.
   */
  record Point(
      long reportTime,
      long reportCount,
      double seconds,
      double inPerSecond,
      double outPerSecond,
      long eventsIn,
      long eventsOut) {}

  static AgentView of(
      String identity, List<Report> history, long now, int staleIntervals, AlertRules rules) {
    return of(identity, history, now, staleIntervals, rules, null, true);
  }

  /**
   * With {@code memory}, the alert rules go on from their last evaluation of this agent (see {@link
   * AlertRules}); without {@code withSeries} the rate series is left empty (status, alerts and
   * /metrics do not need it).
   */
  static AgentView of(
      String identity,
      List<Report> history,
      long now,
      int staleIntervals,
      AlertRules rules,
      AlertRules.Memory memory,
      boolean withSeries) {
    Report latest = history.get(history.size() - 1);
    Report previous = history.size() > 1 ? history.get(history.size() - 2) : null;
    List<ComponentView> components = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : latest.metrics().entrySet()) {
      components.add(component(e.getKey(), previous, latest));
    }
    List<AlertRules.Alert> alerts =
        memory == null ? rules.firing(history) : rules.firing(identity, history, memory);
    for (AlertRules.Alert alert : alerts) {
      reasons.add(
          alert.severity().name().toLowerCase(java.util.Locale.ROOT)
              + " "
              + alert.name()
              + ": "
              + alert.reason());
    }
    Status status;
    long silentMillis = now - latest.receivedAt();
    if (silentMillis > staleIntervals * latest.intervalMillis()) {
      status = Status.STALE;
      reasons.add(
          0,
          "no report for "
              + silentMillis / 1000
              + " s (interval "
              + latest.intervalMillis() / 1000.0
              + " s)");
    } else if (alerts.stream()
        .anyMatch(alert -> alert.severity() == AlertRules.Severity.CRITICAL)) {
      status = Status.CRITICAL;
    } else {
      status = alerts.isEmpty() ? Status.OK : Status.WARNING;
    }
    return new AgentView(
        identity,
        status,
        List.copyOf(reasons),
        List.copyOf(alerts),
        latest,
        history.size(),
        List.copyOf(components),
        withSeries ? series(history) : List.of());
  }

  private static ComponentView component(String name, Report previous, Report latest) {
    String type = name.substring(0, name.indexOf('.'));
    String in =
        switch (type) {
          case "SOURCE" -> "EventAcceptedCount";
          case "CHANNEL" -> "EventPutSuccessCount";
          default -> null;
        };
    String out =
        switch (type) {
          case "CHANNEL" -> "EventTakeSuccessCount";
          case "SINK" -> "EventDrainSuccessCount";
          default -> null;
        };
    long failures = 0;
    for (String attribute : latest.metrics().get(name).keySet()) {
      Double value = attribute.contains("Fail") ? latest.number(name, attribute) : null;
      failures += value == null ? 0 : Math.round(value);
    }
    return new ComponentView(
        name,
        rate(previous, latest, name, in),
        rate(previous, latest, name, out),
        latest.number(name, "ChannelFillPercentage"),
        failures,
        latest.number(name, "KafkaLagTotal"),
        latest.number(name, "SpoolBytes"),
        latest.number(name, "OldestUnflushedAgeMillis"));
  }

  private static boolean sameRun(Report a, Report b) {
    return a.startTime() == b.startTime() && b.reportTime() > a.reportTime();
  }

  private static Double rate(Report previous, Report latest, String component, String attribute) {
    if (attribute == null || previous == null || !sameRun(previous, latest)) {
      return null;
    }
    Double before = previous.number(component, attribute);
    Double after = latest.number(component, attribute);
    if (before == null || after == null || after < before) {
      return null;
    }
    return (after - before) * 1000.0 / (latest.reportTime() - previous.reportTime());
  }

  private static List<Point> series(List<Report> history) {
    List<Point> points = new ArrayList<>();
    for (int i = 1; i < history.size(); i++) {
      Report a = history.get(i - 1);
      Report b = history.get(i);
      if (!sameRun(a, b)) {
        continue;
      }
      long inA = total(a, "SOURCE.", "EventAcceptedCount");
      long inB = total(b, "SOURCE.", "EventAcceptedCount");
      long outA = total(a, "SINK.", "EventDrainSuccessCount");
      long outB = total(b, "SINK.", "EventDrainSuccessCount");
      if (inB < inA || outB < outA) {
        continue;
      }
      double seconds = (b.reportTime() - a.reportTime()) / 1000.0;
      points.add(
          new Point(
              b.reportTime(),
              b.reportCount(),
              seconds,
              (inB - inA) / seconds,
              (outB - outA) / seconds,
              inB,
              outB));
    }
    return List.copyOf(points);
  }

  /** Sum of one attribute over every component whose name starts with {@code prefix}. */
  static long total(Report report, String prefix, String attribute) {
    long sum = 0;
    for (String component : report.metrics().keySet()) {
      if (component.startsWith(prefix)) {
        Double value = report.number(component, attribute);
        sum += value == null ? 0 : Math.round(value);
      }
    }
    return sum;
  }
}
