package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;
import java.io.Closeable;
import java.util.zip.CRC32;

/**
 * Compresses one buffer of lines into one complete gzip member, appended to a reusable buffer.
 *
 * <p><b>Why members.</b> The sink keeps about a thousand lines per target file (level 1),
 * compresses them into one member, and gathers members (level 2) until a few megabytes are worth an
 * HDFS append. A file is then a concatenation of members, which gzip, zcat, Hadoop's GzipCodec,
 * Spark and Hive all read as one stream. Each member costs 18 bytes of framing and restarts the
 * compressor's dictionary, so members of a few hundred kilobytes cost well under 1% of ratio (see
 * the benchmark).
 *
 * <p><b>Output.</b> {@link #encode} appends the member to a caller-owned {@link GrowableBytes}, so
 * the level-2 buffer can be that buffer: members land where they will be written from, with no
 * per-member array. If encoding fails the buffer is truncated back to where the member started, so
 * it never holds a partial member.
 *
 * <p><b>Reuse.</b> One deflater (and its native memory) and one CRC serve every member. Empty input
 * is rejected: a member of nothing would add 20 bytes to a file, so callers skip empty buffers.
 *
 * <p><b>Threading.</b> Not thread-safe: one thread at a time, e.g. one encoder per sink runner
 * thread. {@link #close()} releases the native deflater; it is idempotent.
 */
public final class GzipMemberEncoder implements Closeable {

  private final DeflateBackend backend;
  private final CRC32 crc = new CRC32();
  private boolean closed;

  GzipMemberEncoder(DeflateBackend backend) {
    this.backend = backend;
  }

  /**
   * Appends one gzip member holding {@code in[off, off + len)} to {@code out}.
   *
   * @return the member's length in bytes
   * @throws IllegalArgumentException when {@code len} is 0
   */
  public int encode(byte[] in, int off, int len, GrowableBytes out) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    GrowableBytes.checkRange(in.length, off, len);
    if (len == 0) {
      throw new IllegalArgumentException(
          "empty input: a gzip member of nothing would only add " + "20 bytes; skip empty buffers");
    }
    int start = out.size();
    boolean done = false;
    try {
      GzipFormat.writeHeader(out, backend.level());
      backend.deflate(in, off, len, out);
      crc.reset();
      crc.update(in, off, len);
      GzipFormat.writeTrailer(out, (int) crc.getValue(), len);
      done = true;
      return out.size() - start;
    } finally {
      if (!done) {
        out.truncate(start);
      }
    }
  }

  /** Appends one gzip member holding all of {@code lines} to {@code out}; {@code lines} is kept. */
  public int encode(GrowableBytes lines, GrowableBytes out) {
    if (lines == out) {
      throw new IllegalArgumentException("input and output must be different buffers");
    }
    return encode(lines.array(), 0, lines.size(), out);
  }

  /** {@code "isal"} or {@code "jdk"}. */
  public String backendName() {
    return backend.name();
  }

  public int level() {
    return backend.level();
  }

  /** Releases the native deflater. Idempotent; encoding afterwards throws. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      backend.end();
    }
  }
}
