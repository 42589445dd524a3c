package io.accesslog.flume.metrics;

import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * The reporter's own counters, registered like any Flume component's (JMX {@code
 * org.apache.flume.other:type=<name>}), so they travel in every report and show in {@code
 * /metrics}. Public only because JMX requires it.
 */
public final class ReporterCounters extends MonitoredCounterGroup implements ReporterCountersMBean {
  private static final String CREATED = "reports.created";
  private static final String SENT = "reports.sent";
  private static final String REJECTED = "reports.rejected";
  private static final String DROPPED = "reports.dropped";
  private static final String FAILURES = "send.failures";
  private static final String BACKLOG = "backlog.size";

  ReporterCounters(String name) {
    super(Type.OTHER, name, CREATED, SENT, REJECTED, DROPPED, FAILURES, BACKLOG);
  }

  void created() {
    increment(CREATED);
  }

  void sent() {
    increment(SENT);
  }

  void rejected() {
    increment(REJECTED);
  }

  void dropped(int count) {
    addAndGet(DROPPED, count);
  }

  void failed() {
    increment(FAILURES);
  }

  void backlog(int size) {
    set(BACKLOG, size);
  }

  @Override
  public long getReportsCreated() {
    return get(CREATED);
  }

  @Override
  public long getReportsSent() {
    return get(SENT);
  }

  @Override
  public long getReportsRejected() {
    return get(REJECTED);
  }

  @Override
  public long getReportsDropped() {
    return get(DROPPED);
  }

  @Override
  public long getSendFailures() {
    return get(FAILURES);
  }

  @Override
  public long getBacklogSize() {
    return get(BACKLOG);
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
