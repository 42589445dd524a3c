package io.accesslog.flume.sink.gzip;

import com.intel.gkl.compression.IntelDeflater;
import io.accesslog.flume.core.GrowableBytes;
import java.io.File;

/**
 * Intel ISA-L (igzip) through GKL's {@link IntelDeflater}: about three times the JDK's level-1
 * speed, for levels 1 and 2 only.
 *
 * <p>This is the only class that references GKL. It is touched only after {@link IsalProbe} decided
 * that GKL can load, because GKL 0.9.1 is Java 17 bytecode and needs a native library that exists
 * for x86-64 only.
 *
 * <p>IntelDeflater is a {@code Deflater} in name only, and its contract differs in ways that shape
 * this class (read from GKL 0.9.1's bytecode and its native source):
 *
 * <ul>
 *   <li>levels 1 and 2 run ISA-L's <em>stateless</em> compressor: each {@code deflate()} call
 *       compresses the whole input from its start into the output, so the output must be big enough
 *       for the entire stream in one call, and a short output cannot be continued, only redone;
 *   <li>input and output offsets are not supported ({@code setInput} ignores the offset, and {@code
 *       deflate} rejects a non-zero one), so input that does not start at index 0 is copied and
 *       output goes to a scratch array first;
 *   <li>{@code reset()} must be called before each stream; the inherited {@code needsInput()},
 *       {@code getBytesRead()} etc. describe an unused zlib stream and must not be used;
 *   <li>its {@code end()} frees the ISA-L state but not that unused zlib stream of the superclass,
 *       which the JDK's cleaner frees when the object is collected: one small leak-until-GC per
 *       encoder, which is why encoders are long-lived and reused.
 * </ul>
 */
final class IsalDeflateBackend implements DeflateBackend {

  static final String NAME = "isal";

  private final IntelDeflater deflater;
  private final int level;
  private byte[] scratchIn = new byte[0];
  private byte[] scratchOut = new byte[0];
  private boolean ended;

  IsalDeflateBackend(int level) {
    if (!IsalProbe.supportsLevel(level)) {
      throw new IllegalArgumentException("ISA-L supports levels 1 and 2 only, not " + level);
    }
    this.deflater = new IntelDeflater(level, true);
    this.level = level;
  }

  /**
   * Loads GKL's native compression library (extracted to {@code java.io.tmpdir}); false when it
   * cannot. GKL logs the cause through commons-logging.
   */
  static boolean loadNativeLibrary() {
    File tmpDir = null; // GKL then extracts to java.io.tmpdir
    return new IntelDeflater().load(tmpDir);
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
    byte[] input = in;
    if (off != 0) {
      if (scratchIn.length < len) {
        scratchIn = new byte[len];
      }
      System.arraycopy(in, off, scratchIn, 0, len);
      input = scratchIn;
    }
    int outLen = compressWhole(input, len);
    out.append(scratchOut, 0, outLen);
  }

  private int compressWhole(byte[] input, int len) {
    // Stored blocks cost 5 bytes per 64 KiB, so this bound already covers incompressible input;
    // the retry below is a safety net, not a path we expect to take.
    int capacity = bound(len);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (scratchOut.length < capacity) {
        scratchOut = new byte[capacity];
      }
      deflater.reset();
      deflater.setInput(input, 0, len);
      deflater.finish();
      int n = deflater.deflate(scratchOut, 0, scratchOut.length);
      if (deflater.finished()) {
        return n;
      }
      capacity = (int) Math.min(GrowableBytes.MAX_CAPACITY, 2L * scratchOut.length);
    }
    throw new IllegalStateException(
        "ISA-L did not finish a "
            + len
            + "-byte member into "
            + scratchOut.length
            + " bytes of output; use compression.codec=jdk and report this");
  }

  @Override
  public void end() {
    if (!ended) {
      ended = true;
      deflater.end();
    }
  }

  static int bound(int len) {
    long bound = (long) len + (len >>> 4) + 1024;
    return (int) Math.min(GrowableBytes.MAX_CAPACITY, bound);
  }
}
