package io.accesslog.flume.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which alerts fire for one agent, computed from its reports in the window (pure: no clock, no IO,
 * no state kept between calls, so a collector restart with its snapshot gives the same answer).
 *
 * <p>Each rule ({@link AlertConditions}) is a condition on one report (and the reports before it in
 * the same JVM run; "grew" means since the report {@code lookback} earlier, long enough to span the
 * sink's retry backoff). Like a Prometheus rule with {@code for:}, it fires only once the condition
 * has held for its hold time, and, against flapping, it clears only once the condition has been
 * false for {@code clear} intervals. That state machine is this class: it runs over the history
 * oldest first and starts over at an agent restart.
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

  private final Thresholds t;
  private final List<AlertConditions.Rule> rules;

  AlertRules(Thresholds thresholds) {
    this.t = thresholds;
    this.rules = AlertConditions.rules(thresholds);
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

    List<Alert> alerts(List<AlertConditions.Rule> rules) {
      List<Alert> out = new ArrayList<>();
      for (int k = 0; k < rules.size(); k++) {
        if (firingSince[k] >= 0) {
          AlertConditions.Rule rule = rules.get(k);
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
    AlertConditions.Scope scope = AlertConditions.Scope.of(latest);
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
        AlertConditions.Rule rule = rules.get(k);
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
}
