package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of {@link GzipMemberEncoder} per backend, level and member size, on
 * realistic nginx lines: input MB/s per core, CPU-seconds per million lines and compression ratio.
 * A plain main, not a test: it prints numbers and asserts nothing.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -q -pl flume-gzip-hdfs-sink test-compile exec:java \
 *     -Dexec.mainClass=io.accesslog.flume.sink.gzip.GzipMemberBenchmark \
 *     -Dexec.classpathScope=test
 * </pre>
 *
 * Optional argument: seconds of CPU time measured per case (default 3; warm-up is half that).
 *
 * <p>Method: 24 target files of 10,000 lines each (one vhost and hour per file, as the sink's
 * per-file buffers see them) are cut into members of N lines, each in its own array starting at
 * index 0 like the level-1 buffer. Members are encoded round-robin into one level-2 buffer that is
 * cleared at 5 MB, as the HDFS append would. Time is the thread's CPU time, so "per core" holds
 * however busy the machine is. MB is 10^6 bytes of uncompressed input.
 */
public final class GzipMemberBenchmark {

  private static final int FILES = 24;
  private static final int LINES_PER_FILE = 10_000;
  private static final int LEVEL_TWO_FLUSH_BYTES = 5 * 1024 * 1024;
  private static final double SERVER_LINES_PER_SECOND = 1_500_000;

  private record Case(String backend, int level, int linesPerMember) {}

  private record Result(
      double mbPerCpuSecond, double cpuSecondsPerMillionLines, double ratio, long avgMemberBytes) {}

  private GzipMemberBenchmark() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    byte[][] files = new byte[FILES][];
    long bytes = 0;
    for (int i = 0; i < FILES; i++) {
      files[i] = AccessLogLines.generate(1000 + i, 17 * i, i, LINES_PER_FILE);
      bytes += files[i].length;
    }
    IsalProbe.Result isal = IsalProbe.status();
    System.out.printf(
        Locale.ROOT,
        "java %s, %s/%s, %d cores; ISA-L %s%n",
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        isal);
    System.out.printf(
        Locale.ROOT,
        "corpus: %d files x %d lines, %.1f MB, %.1f bytes/line; "
            + "%.1f s CPU measured per case%n%n",
        FILES,
        LINES_PER_FILE,
        bytes / 1e6,
        (double) bytes / (FILES * LINES_PER_FILE),
        seconds);

    List<Case> cases = new ArrayList<>();
    cases.add(new Case("jdk", 1, 1000));
    cases.add(new Case("jdk", 3, 1000));
    cases.add(new Case("jdk", 4, 1000));
    cases.add(new Case("jdk", 6, 1000));
    if (isal.usable()) {
      cases.add(new Case("isal", 1, 1000));
      cases.add(new Case("isal", 2, 1000));
    }
    cases.add(new Case("jdk", 1, 100));
    cases.add(new Case("jdk", 1, 10_000));
    if (isal.usable()) {
      cases.add(new Case("isal", 1, 100));
      cases.add(new Case("isal", 1, 10_000));
    }

    System.out.printf(
        Locale.ROOT,
        "%-8s %5s %12s %10s %16s %7s %12s %14s%n",
        "backend",
        "level",
        "lines/member",
        "MB/s/core",
        "CPU-s/M lines",
        "ratio",
        "member B",
        "cores@1.5M/s");
    for (Case c : cases) {
      byte[][] members = cut(files, c.linesPerMember());
      run(c, members, seconds / 2); // warm-up: JIT, native library, buffer growth
      Result r = run(c, members, seconds);
      System.out.printf(
          Locale.ROOT,
          "%-8s %5d %12d %10.0f %16.3f %7.2f %12d %14.2f%n",
          c.backend(),
          c.level(),
          c.linesPerMember(),
          r.mbPerCpuSecond(),
          r.cpuSecondsPerMillionLines(),
          r.ratio(),
          r.avgMemberBytes(),
          r.cpuSecondsPerMillionLines() * SERVER_LINES_PER_SECOND / 1e6);
    }
  }

  private static Result run(Case c, byte[][] members, double cpuSeconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    GrowableBytes levelTwo = new GrowableBytes(LEVEL_TWO_FLUSH_BYTES + (1 << 20));
    long in = 0;
    long out = 0;
    long count = 0;
    long budget = (long) (cpuSeconds * 1e9);
    try (GzipMemberEncoder encoder = TestBackends.encoder(c.backend(), c.level())) {
      long start = threads.getCurrentThreadCpuTime();
      long elapsed = 0;
      int i = 0;
      while (elapsed < budget) {
        // Check the clock every few members: the MXBean call costs microseconds.
        for (int k = 0; k < 8; k++) {
          byte[] m = members[i];
          i = (i + 1) % members.length;
          out += encoder.encode(m, 0, m.length, levelTwo);
          in += m.length;
          count++;
          if (levelTwo.size() >= LEVEL_TWO_FLUSH_BYTES) {
            levelTwo.clear();
          }
        }
        elapsed = threads.getCurrentThreadCpuTime() - start;
      }
      double secs = elapsed / 1e9;
      double lines = (double) count * c.linesPerMember();
      return new Result(in / 1e6 / secs, secs / (lines / 1e6), (double) in / out, out / count);
    }
  }

  /** Each file cut into members of {@code linesPerMember} lines, each in its own array. */
  private static byte[][] cut(byte[][] files, int linesPerMember) {
    List<byte[]> members = new ArrayList<>();
    for (byte[] file : files) {
      int start = 0;
      int lines = 0;
      for (int p = 0; p < file.length; p++) {
        if (file[p] == '\n' && ++lines == linesPerMember) {
          members.add(java.util.Arrays.copyOfRange(file, start, p + 1));
          start = p + 1;
          lines = 0;
        }
      }
      if (start < file.length) {
        members.add(java.util.Arrays.copyOfRange(file, start, file.length));
      }
    }
    return members.toArray(new byte[0][]);
  }
}
