package io.accesslog.flume.interceptor;

/** What the interceptor decided for one event: the headers to set, and the error if any. */
final class Verdict {
  final long timestamp;
  final String app;
  final String host;
  final String type;
  /** Null for a good line. */
  final ErrorReason error;

  Verdict(long timestamp, String app, String host, String type, ErrorReason error) {
    this.timestamp = timestamp;
    this.app = app;
    this.host = host;
    this.type = type;
    this.error = error;
  }

  @Override
  public String toString() {
    return "Verdict{timestamp=" + timestamp + ", app=" + app + ", host=" + host + ", type=" + type
        + ", error=" + (error == null ? "-" : error.headerValue()) + "}";
  }
}
