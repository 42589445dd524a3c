package io.accesslog.flume.collector;

import io.accesslog.flume.collector.AlertRules.Severity;
import io.accesslog.flume.collector.AlertRules.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The alert rules {@link AlertRules} runs: each a name, a severity, how long its condition must
 * hold before it fires, and the condition, a pure function of an agent's reports (one JVM run,
 * oldest first) that gives the reason with the figures, or null.
 */
final class AlertConditions {
  private AlertConditions() {}

  /** A condition: the reason it holds at {@code history[i]}, or null. */
  interface Condition {
    String at(List<Report> history, int i, int lookbackFrom, Scope scope);
  }

  /**
   * What one evaluation computes once for all reports: the failure counters (component, attribute)
   * of the latest report, so each report is not searched for names containing "Fail".
   */
  record Scope(List<String[]> failureCounters) {
    static Scope of(Report latest) {
      List<String[]> failures = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> e : latest.metrics().entrySet()) {
        for (String attribute : e.getValue().keySet()) {
          if (attribute.contains("Fail") && !attribute.equals("SendFailures")) {
            failures.add(new String[] {e.getKey(), attribute});
          }
        }
      }
      return new Scope(failures);
    }
  }

  /** {@code holdMillis}: how long the condition must hold before the rule fires (0: at once). */
  record Rule(
      String name,
      Severity severity,
      java.util.function.LongUnaryOperator holdMillis,
      Condition condition) {}

  /** Every rule, in the order their alerts are listed. */
  static List<Rule> rules(Thresholds t) {
    List<Rule> rules = new ArrayList<>();
    java.util.function.LongUnaryOperator now = interval -> 0;
    java.util.function.LongUnaryOperator forIntervals = interval -> t.forIntervals() * interval;
    rules.add(
        new Rule(
            "writer_id_conflict",
            Severity.CRITICAL,
            now,
            (h, i, from, scope) ->
                each(
                    h.get(i),
                    "WriterIdConflict",
                    v -> v > 0,
                    (c, v) ->
                        c
                            + ": another agent holds this sink's writer id; the sink takes nothing")));
    rules.add(
        new Rule(
            "recovery_stuck",
            Severity.CRITICAL,
            interval -> t.recoveryMillis(),
            (h, i, from, scope) ->
                each(
                    h.get(i),
                    "Recovering",
                    v -> v > 0,
                    (c, v) ->
                        c
                            + ": start-up recovery not finished after "
                            + t.recoveryMillis() / 1000
                            + " s (HDFS reachable? see the agent log)")));
    rules.add(
        new Rule(
            "spool_damage",
            Severity.CRITICAL,
            now,
            (h, i, from, scope) ->
                each(
                    h.get(i),
                    "SpoolDamage",
                    v -> v > 0,
                    (c, v) ->
                        c
                            + ": "
                            + Math.round(v)
                            + " spool records lost to damage at start (see the agent log)")));
    rules.add(
        new Rule(
            "spool_near_full",
            Severity.WARNING,
            forIntervals,
            (h, i, from, scope) ->
                each(
                    h.get(i),
                    "SpoolBytes",
                    v -> v >= t.spoolBytes(),
                    (c, v) ->
                        c
                            + ": spool holds "
                            + (Math.round(v) >> 20)
                            + " MiB (alert at "
                            + (t.spoolBytes() >> 20)
                            + " MiB); HDFS is not keeping up")));
    rules.add(
        new Rule(
            "lag_growing",
            Severity.WARNING,
            interval -> t.lagGrowingMillis(),
            (h, i, from, scope) ->
                grew(
                    h,
                    i,
                    from,
                    "KafkaLagTotal",
                    "Kafka lag growing for " + t.lagGrowingMillis() / 1000 + " s")));
    rules.add(
        new Rule(
            "unflushed_too_old",
            Severity.WARNING,
            forIntervals,
            (h, i, from, scope) ->
                each(
                    h.get(i),
                    "OldestUnflushedAgeMillis",
                    v -> v > t.unflushedMillis(),
                    (c, v) ->
                        c
                            + ": oldest unflushed data is "
                            + Math.round(v / 1000)
                            + " s old (alert at "
                            + t.unflushedMillis() / 1000
                            + " s)")));
    rules.add(
        new Rule(
            "write_failures",
            Severity.CRITICAL,
            interval -> t.failuresMillis(),
            (h, i, from, scope) ->
                from < i ? failureGrowth(h.get(from), h.get(i), t.failuresMillis(), scope) : null));
    rules.add(
        new Rule(
            "fatal_write_failures",
            Severity.CRITICAL,
            now,
            (h, i, from, scope) ->
                grew(
                    h,
                    i,
                    from,
                    "HdfsFatalFailures",
                    "HDFS failures that will not heal by themselves (permission, quota, path)")));
    rules.add(
        new Rule(
            "reporter_dropping",
            Severity.WARNING,
            now,
            (h, i, from, scope) ->
                grew(
                    h,
                    i,
                    i - 1,
                    "ReportsDropped",
                    "reports dropped from the reporter's full backlog (collector unreachable for long)")));
    rules.add(
        new Rule(
            "channel_stuck",
            Severity.WARNING,
            forIntervals,
            (h, i, from, scope) -> stuck(t, h, i, from)));
    return List.copyOf(rules);
  }

  private interface Describe {
    String reason(String component, double value);
  }

  /** The first component whose {@code attribute} passes {@code test}, described. */
  private static String each(
      Report r, String attribute, Predicate<Double> test, Describe describe) {
    for (String component : r.metrics().keySet()) {
      Double v = r.number(component, attribute);
      if (v != null && test.test(v)) {
        return describe.reason(component, v);
      }
    }
    return null;
  }

  /**
   * Counters that name a failure ({@code Fail} in the name, not the reporter's own sends) that
   * grew.
   */
  private static String failureGrowth(Report before, Report after, long holdMillis, Scope scope) {
    for (String[] counter : scope.failureCounters()) {
      Double a = before.number(counter[0], counter[1]);
      Double b = after.number(counter[0], counter[1]);
      if (a != null && b != null && b > a) {
        return counter[0]
            + " "
            + counter[1]
            + " +"
            + Math.round(b - a)
            + " in "
            + (after.reportTime() - before.reportTime()) / 1000
            + " s, failing for "
            + holdMillis / 1000
            + " s and more";
      }
    }
    return null;
  }

  private static String grew(List<Report> h, int i, int from, String attribute, String what) {
    if (from < 0 || from >= i) {
      return null;
    }
    for (String component : h.get(i).metrics().keySet()) {
      Double a = h.get(from).number(component, attribute);
      Double b = h.get(i).number(component, attribute);
      if (a != null && b != null && b > a) {
        return component + " " + attribute + " +" + Math.round(b - a) + ": " + what;
      }
    }
    return null;
  }

  /**
   * A channel at least fillPercent full that nothing took from over the lookback: the sink is
   * stuck.
   */
  private static String stuck(Thresholds t, List<Report> h, int i, int from) {
    if (from >= i) {
      return null;
    }
    for (String component : h.get(i).metrics().keySet()) {
      Double fill = h.get(i).number(component, "ChannelFillPercentage");
      Double takenBefore = h.get(from).number(component, "EventTakeSuccessCount");
      Double takenNow = h.get(i).number(component, "EventTakeSuccessCount");
      if (fill != null
          && fill >= t.fillPercent()
          && takenBefore != null
          && takenNow != null
          && takenNow <= takenBefore) {
        return component
            + " is "
            + Math.round(fill)
            + "% full and nothing took from it for "
            + (h.get(i).reportTime() - h.get(from).reportTime()) / 1000
            + " s";
      }
    }
    return null;
  }
}
