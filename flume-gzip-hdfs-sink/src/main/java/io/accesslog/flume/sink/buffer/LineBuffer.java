package io.accesslog.flume.sink.buffer;

import java.util.Arrays;

/**
 * Level 1: newline-terminated lines of one target waiting to become one gzip member. The byte array
 * is handed to the compressor whole ({@link #takeBytes()}), so the runner never copies it twice.
 */
final class LineBuffer {
  private static final int INITIAL_CAPACITY = 4096;

  private byte[] data;
  private int size;
  private int lines;
  private long firstMillis;
  private long firstSequence;
  private long lastSequence;

  /** Appends one line (a newline is added unless the body already ends with one). */
  void append(byte[] line, long sequence, long nowMillis) {
    boolean needsNewline = line.length == 0 || line[line.length - 1] != '\n';
    int needed = size + line.length + (needsNewline ? 1 : 0);
    if (data == null) {
      data = new byte[Math.max(INITIAL_CAPACITY, Integer.highestOneBit(needed) << 1)];
    } else if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, data.length << 1));
    }
    if (lines == 0) {
      firstMillis = nowMillis;
      firstSequence = sequence;
    }
    lastSequence = sequence;
    System.arraycopy(line, 0, data, size, line.length);
    size += line.length;
    if (needsNewline) {
      data[size++] = '\n';
    }
    lines++;
  }

  int lines() {
    return lines;
  }

  int size() {
    return size;
  }

  /** Heap held, for the memory budget (the array's capacity, not just its filled part). */
  long capacity() {
    return data == null ? 0 : data.length;
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
    byte[] taken = data;
    // The next member of a busy target will be about as big: start there instead of growing again.
    data = null;
    size = 0;
    lines = 0;
    return taken;
  }
}
