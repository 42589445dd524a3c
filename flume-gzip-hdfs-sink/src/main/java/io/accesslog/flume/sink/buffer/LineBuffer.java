package io.accesslog.flume.sink.buffer;

import io.accesslog.flume.core.GrowableBytes;

/**
 * Level 1: newline-terminated lines of one target waiting to become one gzip member. The byte array
 * is handed to the compressor whole ({@link #takeBytes()}), so the runner never copies it twice.
 */
final class LineBuffer {
  private static final int INITIAL_CAPACITY = 4096;

  /** Null after {@link #takeBytes()}: the array went to the compressor with the bytes. */
  private GrowableBytes data;

  private int lines;
  private long firstMillis;
  private long firstSequence;
  private long lastSequence;

  /** Appends one line (a newline is added unless the body already ends with one). */
  void append(byte[] line, long sequence, long nowMillis) {
    boolean needsNewline = line.length == 0 || line[line.length - 1] != '\n';
    int needed = line.length + (needsNewline ? 1 : 0);
    if (data == null) {
      data = new GrowableBytes(Math.max(INITIAL_CAPACITY, Integer.highestOneBit(needed) << 1));
    }
    if (lines == 0) {
      firstMillis = nowMillis;
      firstSequence = sequence;
    }
    lastSequence = sequence;
    data.ensureFree(needed);
    data.append(line, 0, line.length);
    if (needsNewline) {
      data.append('\n');
    }
    lines++;
  }

  int lines() {
    return lines;
  }

  int size() {
    return data == null ? 0 : data.size();
  }

  /** Heap held, for the memory budget (the array's capacity, not just its filled part). */
  long capacity() {
    return data == null ? 0 : data.capacity();
  }

  long firstMillis() {
    return firstMillis;
  }

  long firstSequence() {
    return firstSequence;
  }

  /** One past the sequence of the newest line. */
  long endSequence() {
    return lastSequence + 1;
  }

  /**
   * Hands over the filled bytes (valid up to {@link #size()} as read before the call) and empties
   * the buffer.
   */
  byte[] takeBytes() {
    byte[] taken = data == null ? null : data.array();
    // The next member of a busy target will be about as big: start there instead of growing again.
    data = null;
    lines = 0;
    return taken;
  }
}
