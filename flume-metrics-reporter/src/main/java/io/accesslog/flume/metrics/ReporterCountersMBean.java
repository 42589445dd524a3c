package io.accesslog.flume.metrics;

/** JMX view of {@link ReporterCounters}; listed by Flume's monitoring (and our reports) as {@code OTHER.<name>}. */
public interface ReporterCountersMBean {
  /** Reports taken. */
  long getReportsCreated();

  /** Reports the collector accepted. */
  long getReportsSent();

  /** Reports the collector refused for good (4xx); see the agent log for its answer. */
  long getReportsRejected();

  /** Unsent reports dropped from a full backlog (oldest first). */
  long getReportsDropped();

  /** Failed POST attempts (connection, timeout, 5xx). */
  long getSendFailures();

  /** Unsent reports held right now. */
  long getBacklogSize();

  long getStartTime();

  long getStopTime();

  String getType();
}
