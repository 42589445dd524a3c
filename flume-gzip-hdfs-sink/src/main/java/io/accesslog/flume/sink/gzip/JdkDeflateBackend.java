package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;
import java.util.zip.Deflater;

/** {@link java.util.zip.Deflater} (the JVM's zlib): any level 1-9, on every platform. */
final class JdkDeflateBackend implements DeflateBackend {

  static final String NAME = "jdk";

  private final Deflater deflater;
  private final int level;
  private boolean ended;

  JdkDeflateBackend(int level) {
    // nowrap: raw deflate, because GzipMemberEncoder writes the gzip header and trailer itself.
    this.deflater = new Deflater(level, true);
    this.level = level;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int level() {
    return level;
  }

  @Override
  public void deflate(byte[] in, int off, int len, GrowableBytes out) {
    if (ended) {
      throw new IllegalStateException("deflater already ended");
    }
    deflater.reset();
    deflater.setInput(in, off, len);
    deflater.finish();
    // Reserving zlib's worst-case bound up front makes one deflate() call enough; the loop only
    // matters if that bound were ever wrong.
    out.ensureFree(worstCaseBound(len));
    while (!deflater.finished()) {
      int free = out.capacity() - out.size();
      if (free == 0) {
        out.ensureFree(Math.max(4096, len >>> 3));
        free = out.capacity() - out.size();
      }
      int n = deflater.deflate(out.array(), out.size(), free);
      out.advance(n);
    }
  }

  @Override
  public void end() {
    if (!ended) {
      ended = true;
      deflater.end();
    }
  }

  /** zlib's deflateBound for a raw stream, rounded up generously. */
  static int worstCaseBound(int len) {
    long bound = (long) len + (len >>> 12) + (len >>> 14) + (len >>> 25) + 64;
    return (int) Math.min(GrowableBytes.MAX_CAPACITY, bound);
  }
}
