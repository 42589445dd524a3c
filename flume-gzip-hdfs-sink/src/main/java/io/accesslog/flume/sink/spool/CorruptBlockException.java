package io.accesslog.flume.sink.spool;

/**
 * A block that cannot be used: its framing, checksum or content is wrong. Internal to the scan;
 * callers of the public API see a {@link SpoolIssue} instead.
 */
class CorruptBlockException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptBlockException(String reason) {
    super(reason);
  }

  CorruptBlockException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
