package io.accesslog.flume.metrics;

/** Delivers one report to the collector. The seam a unit test fakes. */
interface ReportSender {
  /** What became of one report. */
  enum Outcome {
    /** The collector took it (2xx). */
    ACCEPTED,
    /** The collector refused it for good (4xx other than 408/429): sending it again cannot help. */
    REJECTED,
    /** Not delivered (connection, timeout, 5xx, 408, 429): keep it and retry after a backoff. */
    FAILED
  }

  Outcome send(String json);
}
