package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decides once per JVM whether the ISA-L deflater can be used here, and if not, why.
 *
 * <p>The checks run cheapest first and never throw, so a machine without ISA-L (aarch64, Java 8 or
 * 11, a {@code noexec} temp directory) gets a JDK fallback and a reason instead of a crash:
 *
 * <ol>
 *   <li>GKL 0.9.1 is Java 17 bytecode: older JVMs would fail with UnsupportedClassVersionError;
 *   <li>GKL ships its native library for x86-64 Linux and macOS only;
 *   <li>the library must extract and load ({@link IsalDeflateBackend#loadNativeLibrary()});
 *   <li>a round trip of a small sample must decode to the sample, so a broken native build is
 *       caught here and not in the first HDFS file.
 * </ol>
 */
final class IsalProbe {

  static final int MIN_JAVA = 17;

  private static volatile Result cached;

  private IsalProbe() {}

  /** The verdict for this JVM, computed on first use. */
  static Result status() {
    Result r = cached;
    if (r == null) {
      synchronized (IsalProbe.class) {
        r = cached;
        if (r == null) {
          r =
              check(
                  System.getProperty("java.specification.version"),
                  System.getProperty("os.name"),
                  System.getProperty("os.arch"),
                  IsalProbe::loadAndSelfTest);
          cached = r;
        }
      }
    }
    return r;
  }

  /** ISA-L's compressor exists for levels 1 and 2 only (GKL sends other levels to zlib). */
  static boolean supportsLevel(int level) {
    return level == 1 || level == 2;
  }

  /** Platform checks on the given values, then {@code loader} (which returns a failure or null). */
  static Result check(
      String javaSpecVersion, String osName, String osArch, Callable<String> loader) {
    int java = javaFeatureVersion(javaSpecVersion);
    if (java < MIN_JAVA) {
      return Result.unusable(
          "GKL 0.9.1 needs Java " + MIN_JAVA + "+, this JVM is Java " + javaSpecVersion);
    }
    String arch = String.valueOf(osArch).toLowerCase(Locale.ROOT);
    String os = String.valueOf(osName).toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean knownOs = os.startsWith("linux") || os.startsWith("mac");
    if (!x64 || !knownOs) {
      return Result.unusable(
          "no ISA-L native library for "
              + osName
              + "/"
              + osArch
              + " (GKL ships x86-64 Linux and macOS only)");
    }
    String failure;
    try {
      failure = loader.call();
    } catch (Exception | LinkageError e) {
      // LinkageError: a GKL class or one it needs (commons-logging, commons-io) is missing or
      // unloadable. Nothing else from GKL can break this JVM, so we report and carry on.
      failure = e.toString();
    }
    return failure == null ? Result.USABLE : Result.unusable(failure);
  }

  /** "1.8" is 8, "11" is 11; anything unparsable is 0, which no check accepts. */
  static int javaFeatureVersion(String spec) {
    if (spec == null) {
      return 0;
    }
    String s = spec.startsWith("1.") ? spec.substring(2) : spec;
    int dot = s.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String loadAndSelfTest() throws DataFormatException {
    if (!IsalDeflateBackend.loadNativeLibrary()) {
      return "the GKL native library could not be extracted to java.io.tmpdir ("
          + System.getProperty("java.io.tmpdir")
          + ") or loaded; GKL logged the cause";
    }
    byte[] sample =
        "10.0.0.1 - - [01/Jan/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    GrowableBytes out = new GrowableBytes(256);
    IsalDeflateBackend backend = new IsalDeflateBackend(1);
    try {
      backend.deflate(sample, 0, sample.length, out);
    } finally {
      backend.end();
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(out.array(), 0, out.size());
      byte[] back = new byte[sample.length + 1];
      int n = inflater.inflate(back);
      if (n != sample.length
          || !inflater.finished()
          || !Arrays.equals(sample, Arrays.copyOf(back, n))) {
        return "ISA-L self-test failed: a " + sample.length + "-byte sample did not round-trip";
      }
    } finally {
      inflater.end();
    }
    return null;
  }

  /** Whether ISA-L is usable, and if not, a one-line reason fit for a log. */
  static final class Result {
    static final Result USABLE = new Result(true, "ISA-L native library loaded");

    private final boolean usable;
    private final String detail;

    private Result(boolean usable, String detail) {
      this.usable = usable;
      this.detail = detail;
    }

    static Result unusable(String reason) {
      return new Result(false, reason);
    }

    boolean usable() {
      return usable;
    }

    String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return (usable ? "usable: " : "unusable: ") + detail;
    }
  }
}
