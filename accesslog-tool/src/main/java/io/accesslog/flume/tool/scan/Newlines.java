package io.accesslog.flume.tool.scan;

import io.accesslog.flume.interceptor.ByteScan;

/** Finds line ends. */
final class Newlines {
  private Newlines() {}

  /** Index of the first {@code \n} in {@code b[from, to)}, or -1. */
  static int next(byte[] b, int from, int to) {
    return ByteScan.indexOf(b, from, to, (byte) '\n');
  }
}
