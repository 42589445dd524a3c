package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;

/**
 * One reusable raw-deflate compressor (no zlib or gzip wrapper). Each call compresses one whole
 * input into one complete deflate stream, final block included, so the result can be framed as a
 * gzip member. Implementations hold native memory: {@link #end()} releases it.
 *
 * <p>Not thread-safe: the owning {@link GzipMemberEncoder} is used by one thread at a time.
 */
interface DeflateBackend {

  /** Short name for metrics and logs: {@code "jdk"} or {@code "isal"}. */
  String name();

  int level();

  /**
   * Compresses {@code in[off, off + len)} ({@code len > 0}) into a complete raw deflate stream
   * appended to {@code out}.
   */
  void deflate(byte[] in, int off, int len, GrowableBytes out);

  /** Releases native memory. Idempotent. */
  void end();
}
