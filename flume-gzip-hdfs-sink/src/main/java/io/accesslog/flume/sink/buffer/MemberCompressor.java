package io.accesslog.flume.sink.buffer;

/**
 * Turns newline-terminated lines into one complete gzip member. Safe to call from many worker
 * threads.
 */
public interface MemberCompressor {
  byte[] compress(byte[] lines, int length);
}
