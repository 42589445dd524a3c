package io.accesslog.flume.metrics;

import io.accesslog.flume.core.Backoff;
import io.accesslog.flume.core.Clock;

/**
 * One reporter tick, as a function of {@code now}: take a report into the backlog, then, unless a
 * backoff is running, send the backlog oldest first until it is empty or a send fails. A failure
 * starts (or lengthens) the backoff; the next success ends it.
 *
 * <p>Threading: only the reporter thread calls {@link #tick()}. A tick does at most one failed
 * send, so it never takes longer than one report's timeouts plus the successful sends.
 */
final class ReportLoop {
  /** Makes the JSON of one report. */
  interface Reports {
    String take(long now, long reportCount);
  }

  private final Reports reports;
  private final ReportSender sender;
  private final Backoff backoff;
  private final ReporterCounters counters;
  private final Clock clock;
  private final ReportBacklog backlog;
  private long reportCount;
  private int failures;
  private long retryAt;

  ReportLoop(
      Reports reports,
      ReportSender sender,
      Backoff backoff,
      ReporterCounters counters,
      Clock clock,
      ReportBacklog backlog,
      long reportCount) {
    this.reports = reports;
    this.sender = sender;
    this.backoff = backoff;
    this.counters = counters;
    this.clock = clock;
    this.backlog = backlog;
    this.reportCount = reportCount;
  }

  void tick() {
    long now = clock.millis();
    reportCount++;
    int dropped = backlog.add(reports.take(now, reportCount));
    counters.created();
    if (dropped > 0) {
      counters.dropped(dropped);
    }
    if (now >= retryAt) {
      sendBacklog();
    }
    counters.backlog(backlog.size());
  }

  private void sendBacklog() {
    String report;
    while ((report = backlog.oldest()) != null) {
      switch (sender.send(report)) {
        case ACCEPTED:
          backlog.removeOldest();
          counters.sent();
          failures = 0;
          retryAt = 0;
          break;
        case REJECTED:
          backlog.removeOldest();
          counters.rejected();
          break;
        default:
          failures++;
          counters.failed();
          retryAt = clock.millis() + backoff.delayMillis(failures);
          return;
      }
    }
  }

  ReportBacklog backlog() {
    return backlog;
  }

  long reportCount() {
    return reportCount;
  }

  /** Whether a backoff is running at {@code now}. */
  boolean backingOff(long now) {
    return now < retryAt;
  }
}
