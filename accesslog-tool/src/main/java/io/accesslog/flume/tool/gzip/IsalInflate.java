package io.accesslog.flume.tool.gzip;

import com.intel.gkl.compression.IntelInflater;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * ISA-L inflate (Intel GKL 0.9.1 {@link IntelInflater}) when its native library loads here, decided
 * once per JVM with a round trip of a sample; otherwise {@link #status()} says why and readers use
 * the JDK {@link Inflater}.
 *
 * <p>{@code IntelInflater} does not report where a deflate stream ends in its input ({@code
 * getRemaining} is not implemented) and reports a truncated stream as finished, so {@link
 * MemberReader} uses it only when it already knows a member's exact extent and verifies the result
 * by CRC-32 and length; see there.
 */
final class IsalInflate {
  private static volatile String status;

  /**
   * Held so the level sticks: GKL logs "Loading libgkl_compression.so" at INFO through JUL on every
   * start.
   */
  private static final java.util.logging.Logger GKL_LOG =
      java.util.logging.Logger.getLogger("com.intel.gkl");

  private IsalInflate() {}

  /** null when usable, else the reason it is not. */
  static String status() {
    String s = status;
    if (s == null) {
      synchronized (IsalInflate.class) {
        s = status;
        if (s == null) {
          s = check();
          status = s;
        }
      }
    }
    return s.isEmpty() ? null : s;
  }

  static boolean usable() {
    return status() == null;
  }

  /** A new inflater; only when {@link #usable()}. */
  static Inflater create() {
    return new IntelInflater(true);
  }

  private static String check() {
    String arch = System.getProperty("os.arch", "");
    if (!(arch.equals("amd64") || arch.equals("x86_64"))) {
      return "no ISA-L native library for " + arch;
    }
    GKL_LOG.setLevel(java.util.logging.Level.WARNING);
    try {
      IntelInflater inflater = new IntelInflater(true);
      try {
        if (!inflater.load(null)) {
          return "the GKL native library did not load (java.io.tmpdir "
              + System.getProperty("java.io.tmpdir")
              + " must allow executables)";
        }
        byte[] sample =
            "10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"
                .repeat(20)
                .getBytes(StandardCharsets.US_ASCII);
        Deflater d = new Deflater(1, true);
        d.setInput(sample);
        d.finish();
        byte[] comp = new byte[sample.length + 64];
        int n = d.deflate(comp);
        d.end();
        inflater.setInput(comp, 0, n);
        byte[] back = new byte[sample.length];
        int m = inflater.inflate(back, 0, back.length);
        if (m != sample.length || !Arrays.equals(sample, back)) {
          return "ISA-L self-test failed";
        }
        return "";
      } finally {
        inflater.end();
      }
    } catch (Exception | LinkageError e) {
      return e.toString();
    }
  }
}
