package io.accesslog.flume.metrics;

import java.util.ArrayDeque;

/**
 * Reports taken but not yet accepted by the collector, oldest first, at most {@code capacity} of
 * them: adding to a full backlog drops the oldest, so memory stays bounded however long the
 * collector is away. Only the reporter thread touches it; the size is read for the counters.
 */
final class ReportBacklog {
  private final ArrayDeque<String> reports = new ArrayDeque<>();
  private final int capacity;

  ReportBacklog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds a report; returns how many old ones were dropped to make room (0 or more). */
  int add(String report) {
    int dropped = 0;
    while (reports.size() >= capacity) {
      reports.removeFirst();
      dropped++;
    }
    reports.addLast(report);
    return dropped;
  }

  /** The oldest report, or {@code null} when empty. */
  String oldest() {
    return reports.peekFirst();
  }

  void removeOldest() {
    reports.removeFirst();
  }

  int size() {
    return reports.size();
  }

  /**
   * A backlog of {@code capacity} holding the newest reports of this one (after a reconfiguration).
   */
  ReportBacklog resized(int newCapacity) {
    ReportBacklog copy = new ReportBacklog(newCapacity);
    for (String report : reports) {
      copy.add(report);
    }
    return copy;
  }
}
