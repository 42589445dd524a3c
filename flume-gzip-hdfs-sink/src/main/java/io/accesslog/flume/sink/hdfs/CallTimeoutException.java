package io.accesslog.flume.sink.hdfs;

import java.io.IOException;

/**
 * An HDFS call that did not return within {@code hdfs.callTimeout}: a failed write, retried like
 * any other.
 */
public final class CallTimeoutException extends IOException {
  private static final long serialVersionUID = 1L;

  CallTimeoutException(String message) {
    super(message);
  }
}
