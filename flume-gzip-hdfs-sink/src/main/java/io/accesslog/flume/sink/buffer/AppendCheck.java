package io.accesslog.flume.sink.buffer;

/**
 * What an interrupted write left in a file, from the file's real length and the recorded intent
 * (length before, bytes to write). Pure. A partial gzip member at the end of a file makes Hadoop
 * readers fail the whole file, so {@link #PARTIAL} must be cut back before anything else is
 * appended.
 */
public enum AppendCheck {
  /** Length is the length before: nothing arrived; write it again. */
  NOT_WRITTEN,
  /** Length is before + bytes: the write arrived whole; do not write it again. */
  WRITTEN,
  /** Length is in between: cut the file back to the length before, then write again. */
  PARTIAL,
  /** Shorter than before or longer than before + bytes: not ours to repair. */
  INCONSISTENT;

  /**
   * @param actual the file's length after lease recovery, or -1 when it does not exist
   */
  public static AppendCheck classify(long actual, long before, long bytes) {
    if (actual < 0) {
      return before == 0 ? NOT_WRITTEN : INCONSISTENT;
    }
    if (actual == before) {
      return NOT_WRITTEN;
    }
    if (actual == before + bytes) {
      return WRITTEN;
    }
    if (actual > before && actual < before + bytes) {
      return PARTIAL;
    }
    return INCONSISTENT;
  }
}
