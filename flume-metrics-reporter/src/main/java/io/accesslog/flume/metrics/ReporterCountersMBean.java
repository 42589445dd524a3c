package io.accesslog.flume.metrics;

/**
 * JMX view of {@link ReporterCounters}; listed by Flume's monitoring (and our reports) as {@code
 * OTHER.<name>}.
 */
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

  /**
   * Type and unit of each attribute ({@code Name=kind:unit,...}), read by the reporter like any
   * component's.
   */
  String METRIC_TYPES =
      "ReportsCreated=counter:1,ReportsSent=counter:1,ReportsRejected=counter:1,"
          + "ReportsDropped=counter:1,SendFailures=counter:1,BacklogSize=gauge:1";

  String getMetricTypes();
}
