package io.accesslog.flume.tool.scan;

import io.accesslog.flume.interceptor.LineFields;
import java.io.IOException;

/**
 * What a question does with each matching line; one instance per scanning task (so no locking on
 * the line path), merged into the command's result when the task ends.
 */
public interface Collector {
  /**
   * A matching line {@code b[off, off + len)} (no newline).
   *
   * @param parsed its fields, or null when the question needs none
   * @param timeMillis its time when the question needed it, else {@link LineFields.Parsed#NO_TIME}
   */
  void line(byte[] b, int off, int len, LineFields.Parsed parsed, long timeMillis)
      throws IOException;

  /** The end of a decoded member (a chance to hand buffered output on). */
  default void endOfChunk() throws IOException {}

  /** The task is done: merge into the shared result (called once, may lock). */
  void finish() throws IOException;
}
