package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which alerts fire for one agent, computed from its reports in the window (pure: no clock, no IO,
 * no state kept between calls, so a collector restart with its snapshot gives the same answer).
 *
 * <p>Each rule is a condition on one report (and the reports before it in the same JVM run; "grew"
 * means since the report {@code lookback} earlier, long enough to span the sink's retry backoff).
 * Like a Prometheus rule with {@code for:}, it fires only once the condition has held for its hold
 * time, and, against flapping, it clears only once the condition has been false for {@code clear}
 * intervals. The state machine runs over the history oldest first and starts over at an agent
 * restart.
 *
 * <p>Normal backpressure is not an alert: a full channel whose sink keeps taking is what a catch-up
 * looks like; only a full channel nothing takes from ({@code channel_stuck}) is.
 */
final class AlertRules {
  /** How bad a firing alert is; an agent's status is its worst. */
  enum Severity {
    WARNING,
    CRITICAL
  }

  /** A firing alert: rule name, severity, why (with the figures), and since when (report time). */
  record Alert(String name, Severity severity, String reason, long since) {}

  /**
   * The thresholds (collector options {@code --alert-*}). Durations in milliseconds; {@code
   * forIntervals} and {@code clearIntervals} count the agent's own report intervals.
   */
  record Thresholds(
      int forIntervals,
      int clearIntervals,
      long lookbackMillis,
      long recoveryMillis,
      long lagGrowingMillis,
      long unflushedMillis,
      long failuresMillis,
      long spoolBytes,
      int fillPercent) {
    static Thresholds defaults() {
      return new Thresholds(3, 3, 120_000, 600_000, 600_000, 900_000, 300_000, 8L << 30, 90);
    }
  }

  /** A condition: the reason it holds at {@code history[i]}, or null. */
  private interface Condition {
    String at(List<Report> history, int i, int lookbackFrom, Scope scope);
  }

  /**
   * What one evaluation computes once for all reports: the failure counters (component, attribute)
   * of the latest report, so each report is not searched for names containing "Fail".
   */
  private record Scope(List<String[]> failureCounters) {
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
  private record Rule(
      String name,
      Severity severity,
      java.util.function.LongUnaryOperator holdMillis,
      Condition condition) {}

  private final Thresholds t;
  private final List<Rule> rules = new ArrayList<>();

  AlertRules(Thresholds thresholds) {
    this.t = thresholds;
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
            (h, i, from, scope) -> stuck(h, i, from)));
  }

  /**
   * The alerts firing at the latest report of {@code history} (oldest first), evaluated from its
   * start.
   */
  List<Alert> firing(List<Report> history) {
    if (history.isEmpty()) {
      return List.of();
    }
    State state = new State(rules.size());
    evaluate(history, 0, state);
    return state.alerts(rules);
  }

  /**
   * As {@link #firing(List)}, carrying each rule's state in {@code memory} from the previous
   * evaluation of this agent, so only the reports added since are evaluated (the collector
   * evaluates every agent every few seconds: 1,000 agents with 900 reports each cost seconds from
   * the start, milliseconds this way). When the last evaluated report is no longer in the history
   * (the window moved past it), it starts over.
   */
  List<Alert> firing(String identity, List<Report> history, Memory memory) {
    if (history.isEmpty()) {
      return List.of();
    }
    State carried = memory.states.get(identity);
    State state;
    int start = 0;
    int at = carried == null ? -1 : indexOf(history, carried.startTime, carried.reportTime);
    if (at >= 0) {
      state = carried.copy();
      start = at + 1;
    } else {
      state = new State(rules.size());
    }
    evaluate(history, start, state);
    memory.states.put(identity, state);
    return state.alerts(rules);
  }

  /**
   * Each agent's rule states after its last evaluation (thread-safe; states are copied, never
   * shared).
   */
  static final class Memory {
    private final Map<String, State> states = new java.util.concurrent.ConcurrentHashMap<>();

    /** Forget agents no longer in the window. */
    void retain(java.util.Set<String> identities) {
      states.keySet().retainAll(identities);
    }
  }

  /** Every rule's hysteresis state after the report of {@code startTime}/{@code reportTime}. */
  private static final class State {
    long startTime = Long.MIN_VALUE;
    long reportTime = Long.MIN_VALUE;
    final long[] trueSince;
    final long[] falseSince;
    final long[] firingSince;
    final String[] reason;

    State(int rules) {
      trueSince = new long[rules];
      falseSince = new long[rules];
      firingSince = new long[rules];
      reason = new String[rules];
      java.util.Arrays.fill(trueSince, -1);
      java.util.Arrays.fill(falseSince, -1);
      java.util.Arrays.fill(firingSince, -1);
    }

    State copy() {
      State c = new State(trueSince.length);
      c.startTime = startTime;
      c.reportTime = reportTime;
      System.arraycopy(trueSince, 0, c.trueSince, 0, trueSince.length);
      System.arraycopy(falseSince, 0, c.falseSince, 0, falseSince.length);
      System.arraycopy(firingSince, 0, c.firingSince, 0, firingSince.length);
      System.arraycopy(reason, 0, c.reason, 0, reason.length);
      return c;
    }

    void restart() {
      java.util.Arrays.fill(trueSince, -1);
      java.util.Arrays.fill(falseSince, -1);
      java.util.Arrays.fill(firingSince, -1);
    }

    List<Alert> alerts(List<Rule> rules) {
      List<Alert> out = new ArrayList<>();
      for (int k = 0; k < rules.size(); k++) {
        if (firingSince[k] >= 0) {
          Rule rule = rules.get(k);
          out.add(
              new Alert(
                  rule.name(),
                  rule.severity(),
                  reason[k] + (trueSince[k] < 0 ? " (clearing)" : ""),
                  firingSince[k]));
        }
      }
      return out;
    }
  }

  private static int indexOf(List<Report> history, long startTime, long reportTime) {
    for (int i = history.size() - 1; i >= 0; i--) {
      Report r = history.get(i);
      if (r.startTime() == startTime && r.reportTime() == reportTime) {
        return i;
      }
      if (r.reportTime() < reportTime) {
        return -1;
      }
    }
    return -1;
  }

  /** Runs every rule's state machine over {@code history[start..]}, oldest first. */
  private void evaluate(List<Report> history, int start, State state) {
    if (start >= history.size()) {
      return;
    }
    Report latest = history.get(history.size() - 1);
    long interval = latest.intervalMillis();
    long clearMillis = t.clearIntervals() * interval;
    long lookback = Math.max(t.lookbackMillis(), interval);
    Scope scope = Scope.of(latest);
    int runStart = start;
    while (runStart > 0
        && history.get(runStart - 1).startTime() == history.get(start).startTime()) {
      runStart--;
    }
    int from = runStart;
    for (int i = start; i < history.size(); i++) {
      Report r = history.get(i);
      if (r.startTime() != state.startTime) {
        if (i > runStart || state.startTime != Long.MIN_VALUE) {
          state.restart();
        }
        runStart = i > 0 && history.get(i - 1).startTime() == r.startTime() ? runStart : i;
        from = Math.max(from, runStart);
      }
      while (from < i && history.get(from + 1).reportTime() <= r.reportTime() - lookback) {
        from++;
      }
      List<Report> run = history.subList(runStart, i + 1);
      for (int k = 0; k < rules.size(); k++) {
        Rule rule = rules.get(k);
        String now = rule.condition().at(run, i - runStart, from - runStart, scope);
        if (now != null) {
          state.reason[k] = now;
          state.falseSince[k] = -1;
          state.trueSince[k] = state.trueSince[k] < 0 ? r.reportTime() : state.trueSince[k];
          if (state.firingSince[k] < 0
              && r.reportTime() - state.trueSince[k] >= rule.holdMillis().applyAsLong(interval)) {
            state.firingSince[k] = r.reportTime();
          }
        } else {
          state.trueSince[k] = -1;
          if (state.firingSince[k] >= 0) {
            state.falseSince[k] = state.falseSince[k] < 0 ? r.reportTime() : state.falseSince[k];
            if (r.reportTime() - state.falseSince[k] >= clearMillis) {
              state.firingSince[k] = -1;
            }
          }
        }
      }
      state.startTime = r.startTime();
      state.reportTime = r.reportTime();
    }
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
  private String stuck(List<Report> h, int i, int from) {
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
