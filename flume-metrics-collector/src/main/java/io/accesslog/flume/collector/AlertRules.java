package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which alerts fire for one agent, computed from its reports in the window (pure: no clock, no IO,
 * no state kept between calls, so a collector restart with its snapshot gives the same answer).
 *
 * <p>Each rule is a condition on one report (and the reports before it in the same JVM run; "grew" means
 * since the report {@code lookback} earlier, long enough to span the sink's retry backoff). Like a
 * Prometheus rule with {@code for:}, it fires only once the condition has held for its hold time, and,
 * against flapping, it clears only once the condition has been false for {@code clear} intervals.
 * The state machine runs over the history oldest first and starts over at an agent restart.
 *
 * <p>Normal backpressure is not an alert: a full channel whose sink keeps taking is what a catch-up
 * looks like; only a full channel nothing takes from ({@code channel_stuck}) is.
 */
final class AlertRules {
  /** How bad a firing alert is; an agent's status is its worst. */
  enum Severity { WARNING, CRITICAL }

  /** A firing alert: rule name, severity, why (with the figures), and since when (report time). */
  record Alert(String name, Severity severity, String reason, long since) { }

  /**
   * The thresholds (collector options {@code --alert-*}). Durations in milliseconds; {@code forIntervals}
   * and {@code clearIntervals} count the agent's own report intervals.
   */
  record Thresholds(int forIntervals, int clearIntervals, long lookbackMillis, long recoveryMillis,
      long lagGrowingMillis, long unflushedMillis, long failuresMillis, long spoolBytes, int fillPercent) {
    static Thresholds defaults() {
      return new Thresholds(3, 3, 120_000, 600_000, 600_000, 900_000, 300_000, 8L << 30, 90);
    }
  }

  /** A condition: the reason it holds at {@code history[i]}, or null. */
  private interface Condition {
    String at(List<Report> history, int i, int lookbackFrom);
  }

  /** {@code holdMillis}: how long the condition must hold before the rule fires (0: at once). */
  private record Rule(String name, Severity severity, java.util.function.LongUnaryOperator holdMillis, Condition condition) { }

  private final Thresholds t;
  private final List<Rule> rules = new ArrayList<>();

  AlertRules(Thresholds thresholds) {
    this.t = thresholds;
    java.util.function.LongUnaryOperator now = interval -> 0;
    java.util.function.LongUnaryOperator forIntervals = interval -> t.forIntervals() * interval;
    rules.add(new Rule("writer_id_conflict", Severity.CRITICAL, now, (h, i, from) -> each(h.get(i), "WriterIdConflict",
        v -> v > 0, (c, v) -> c + ": another agent holds this sink's writer id; the sink takes nothing")));
    rules.add(new Rule("recovery_stuck", Severity.CRITICAL, interval -> t.recoveryMillis(), (h, i, from) -> each(h.get(i),
        "Recovering", v -> v > 0, (c, v) -> c + ": start-up recovery not finished after " + t.recoveryMillis() / 1000
            + " s (HDFS reachable? see the agent log)")));
    rules.add(new Rule("spool_damage", Severity.CRITICAL, now, (h, i, from) -> each(h.get(i), "SpoolDamage",
        v -> v > 0, (c, v) -> c + ": " + Math.round(v) + " spool records lost to damage at start (see the agent log)")));
    rules.add(new Rule("spool_near_full", Severity.WARNING, forIntervals, (h, i, from) -> each(h.get(i), "SpoolBytes",
        v -> v >= t.spoolBytes(), (c, v) -> c + ": spool holds " + (Math.round(v) >> 20) + " MiB (alert at "
            + (t.spoolBytes() >> 20) + " MiB); HDFS is not keeping up")));
    rules.add(new Rule("lag_growing", Severity.WARNING, interval -> t.lagGrowingMillis(), (h, i, from) -> grew(h, i, from,
        "KafkaLagTotal", "Kafka lag growing for " + t.lagGrowingMillis() / 1000 + " s")));
    rules.add(new Rule("unflushed_too_old", Severity.WARNING, forIntervals, (h, i, from) -> each(h.get(i),
        "OldestUnflushedAgeMillis", v -> v > t.unflushedMillis(), (c, v) -> c + ": oldest unflushed data is "
            + Math.round(v / 1000) + " s old (alert at " + t.unflushedMillis() / 1000 + " s)")));
    rules.add(new Rule("write_failures", Severity.CRITICAL, interval -> t.failuresMillis(), (h, i, from) -> from < i
        ? failureGrowth(h.get(from), h.get(i), t.failuresMillis()) : null));
    rules.add(new Rule("fatal_write_failures", Severity.CRITICAL, now, (h, i, from) -> grew(h, i, from, "HdfsFatalFailures",
        "HDFS failures that will not heal by themselves (permission, quota, path)")));
    rules.add(new Rule("reporter_dropping", Severity.WARNING, now, (h, i, from) -> grew(h, i, i - 1, "ReportsDropped",
        "reports dropped from the reporter's full backlog (collector unreachable for long)")));
    rules.add(new Rule("channel_stuck", Severity.WARNING, forIntervals, (h, i, from) -> stuck(h, i, from)));
  }

  /** The alerts firing at the latest report of {@code history} (oldest first). */
  List<Alert> firing(List<Report> history) {
    List<Alert> out = new ArrayList<>();
    if (history.isEmpty()) {
      return out;
    }
    long interval = history.get(history.size() - 1).intervalMillis();
    long clearMillis = t.clearIntervals() * interval;
    long lookback = Math.max(t.lookbackMillis(), interval);
    for (Rule rule : rules) {
      long trueSince = -1;
      long falseSince = -1;
      long firingSince = -1;
      String reason = null;
      int runStart = 0;
      int from = 0;
      for (int i = 0; i < history.size(); i++) {
        Report r = history.get(i);
        if (i > 0 && history.get(i - 1).startTime() != r.startTime()) {
          runStart = i;
          from = i;
          trueSince = -1;
          falseSince = -1;
          firingSince = -1;
        }
        while (from < i && history.get(from + 1).reportTime() <= r.reportTime() - lookback) {
          from++;
        }
        String now = rule.condition().at(history.subList(runStart, i + 1), i - runStart, from - runStart);
        if (now != null) {
          reason = now;
          falseSince = -1;
          trueSince = trueSince < 0 ? r.reportTime() : trueSince;
          if (firingSince < 0 && r.reportTime() - trueSince >= rule.holdMillis().applyAsLong(interval)) {
            firingSince = r.reportTime();
          }
        } else {
          trueSince = -1;
          if (firingSince >= 0) {
            falseSince = falseSince < 0 ? r.reportTime() : falseSince;
            if (r.reportTime() - falseSince >= clearMillis) {
              firingSince = -1;
            }
          }
        }
      }
      if (firingSince >= 0) {
        out.add(new Alert(rule.name(), rule.severity(), reason + (trueSince < 0 ? " (clearing)" : ""), firingSince));
      }
    }
    return out;
  }

  private interface Describe {
    String reason(String component, double value);
  }

  /** The first component whose {@code attribute} passes {@code test}, described. */
  private static String each(Report r, String attribute, Predicate<Double> test, Describe describe) {
    for (String component : r.metrics().keySet()) {
      Double v = r.number(component, attribute);
      if (v != null && test.test(v)) {
        return describe.reason(component, v);
      }
    }
    return null;
  }

  /** Counters that name a failure ({@code Fail} in the name, not the reporter's own sends) that grew. */
  static String failureGrowth(Report before, Report after, long holdMillis) {
    for (Map.Entry<String, Map<String, String>> e : after.metrics().entrySet()) {
      for (String attribute : e.getValue().keySet()) {
        if (!attribute.contains("Fail") || attribute.equals("SendFailures")) {
          continue;
        }
        Double a = before.number(e.getKey(), attribute);
        Double b = after.number(e.getKey(), attribute);
        if (a != null && b != null && b > a) {
          return e.getKey() + " " + attribute + " +" + Math.round(b - a) + " in " + (after.reportTime() - before.reportTime())
              / 1000 + " s, failing for " + holdMillis / 1000 + " s and more";
        }
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

  /** A channel at least fillPercent full that nothing took from over the lookback: the sink is stuck. */
  private String stuck(List<Report> h, int i, int from) {
    if (from >= i) {
      return null;
    }
    for (String component : h.get(i).metrics().keySet()) {
      Double fill = h.get(i).number(component, "ChannelFillPercentage");
      Double takenBefore = h.get(from).number(component, "EventTakeSuccessCount");
      Double takenNow = h.get(i).number(component, "EventTakeSuccessCount");
      if (fill != null && fill >= t.fillPercent() && takenBefore != null && takenNow != null && takenNow <= takenBefore) {
        return component + " is " + Math.round(fill) + "% full and nothing took from it for "
            + (h.get(i).reportTime() - h.get(from).reportTime()) / 1000 + " s";
      }
    }
    return null;
  }
}
