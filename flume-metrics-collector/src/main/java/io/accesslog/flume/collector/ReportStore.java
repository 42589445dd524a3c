package io.accesslog.flume.collector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest report and a rolling window of reports per agent identity. Thread-safe (one lock; no
 * IO under it): the HTTP threads add, the pages and the snapshot read copies.
 */
final class ReportStore {
  /**
   * Upper bound per agent whatever the window, so a misconfigured tiny interval cannot exhaust
   * memory.
   */
  static final int MAX_REPORTS_PER_AGENT = 20_000;

  /** What became of an added report. */
  enum Added {
    STORED,
    DUPLICATE,
    TOO_MANY_AGENTS
  }

  private final long windowMillis;
  private final int maxAgents;
  private final Map<String, ArrayDeque<Report>> agents = new HashMap<>();

  ReportStore(long windowMillis, int maxAgents) {
    this.windowMillis = windowMillis;
    this.maxAgents = maxAgents;
  }

  synchronized Added add(Report report) {
    ArrayDeque<Report> history = agents.get(report.identity());
    if (history == null) {
      if (agents.size() >= maxAgents) {
        return Added.TOO_MANY_AGENTS;
      }
      history = new ArrayDeque<>();
      agents.put(report.identity(), history);
    }
    Report last = history.peekLast();
    // A reporter resends a report whose answer it did not get: keep the first copy.
    if (last != null
        && last.startTime() == report.startTime()
        && report.reportCount() <= last.reportCount()) {
      return Added.DUPLICATE;
    }
    // The declared types rarely change within a run: one copy per agent, not one per report.
    if (last != null && report.types() != null && report.types().equals(last.types())) {
      report = report.withTypes(last.types());
    }
    history.addLast(report);
    trim(history, report.receivedAt());
    return Added.STORED;
  }

  /**
   * Every agent's reports in the window at {@code now}, oldest first; agents sorted by identity.
   */
  synchronized Map<String, List<Report>> histories(long now) {
    Map<String, List<Report>> copy = new java.util.TreeMap<>();
    agents
        .values()
        .removeIf(
            history -> {
              trim(history, now);
              return history.isEmpty();
            });
    agents.forEach((identity, history) -> copy.put(identity, List.copyOf(history)));
    return copy;
  }

  /** All reports (for the snapshot), oldest first per agent. */
  synchronized List<Report> all() {
    List<Report> all = new ArrayList<>();
    agents.values().forEach(all::addAll);
    all.sort(Comparator.comparingLong(Report::receivedAt));
    return all;
  }

  private void trim(ArrayDeque<Report> history, long now) {
    while (!history.isEmpty()
        && (history.peekFirst().receivedAt() < now - windowMillis
            || history.size() > MAX_REPORTS_PER_AGENT)) {
      history.removeFirst();
    }
  }
}
