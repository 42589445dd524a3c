package io.accesslog.flume.tool.scan;

import io.accesslog.flume.interceptor.ByteScan;
import java.nio.ByteBuffer;

/** Finds line ends. */
final class Newlines {
  private Newlines() {}

  /** Index of the first {@code \n} in {@code b[from, to)}, or -1. */
  static int next(byte[] b, int from, int to) {
    return ByteScan.indexOf(b, from, to, (byte) '\n');
  }

  /**
   * As {@link #next(byte[], int, int)} with {@code words}, a {@link ByteScan#view} of {@code b}.
   */
  static int next(ByteBuffer words, byte[] b, int from, int to) {
    return ByteScan.indexOfIn(words, b, from, to, (byte) '\n');
  }
}
