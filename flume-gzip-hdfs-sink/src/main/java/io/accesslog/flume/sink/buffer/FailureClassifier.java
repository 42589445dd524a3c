package io.accesslog.flume.sink.buffer;

/**
 * Tells a failure that heals by itself from one that needs an operator. The write path and the
 * sink's start-up get one from the side that knows the store's exceptions, so this package stays
 * free of them.
 */
public interface FailureClassifier {
  /** For stores whose every failure heals by itself (in-memory test stores). */
  FailureClassifier ALL_RETRIABLE = failure -> WriteFailure.RETRIABLE;

  /** Pure: looks only at {@code failure} and its causes. */
  WriteFailure classify(Throwable failure);
}
