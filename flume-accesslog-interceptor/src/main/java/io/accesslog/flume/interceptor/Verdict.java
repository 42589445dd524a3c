package io.accesslog.flume.interceptor;

/** What the interceptor decided for one event: the headers to set, and the error if any. */
final class Verdict {
  final long timestamp;
  final String app;
  final String host;
  final String type;

  /** Null for a good line. */
  final ErrorReason error;

  /**
   * The raw inputs of app, host and type where the path rule rewrote them (index 0, 1, 2), or null
   * when none was rewritten (the common case).
   */
  final String[] originals;

  Verdict(long timestamp, String app, String host, String type, ErrorReason error) {
    this(timestamp, app, host, type, error, null);
  }

  Verdict(
      long timestamp, String app, String host, String type, ErrorReason error, String[] originals) {
    this.timestamp = timestamp;
    this.app = app;
    this.host = host;
    this.type = type;
    this.error = error;
    this.originals = originals;
  }

  /** The raw input of component 0 (app), 1 (host) or 2 (type) when rewritten, else null. */
  String original(int component) {
    return originals == null ? null : originals[component];
  }

  @Override
  public String toString() {
    return "Verdict{timestamp="
        + timestamp
        + ", app="
        + app
        + ", host="
        + host
        + ", type="
        + type
        + ", error="
        + (error == null ? "-" : error.headerValue())
        + "}";
  }
}
