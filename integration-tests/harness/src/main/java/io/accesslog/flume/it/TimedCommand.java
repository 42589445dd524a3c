package io.accesslog.flume.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One shell pipeline of {@link QueryBenchmark}, run as a user runs it and timed: wall seconds, the
 * CPU seconds of all its processes (bash's {@code times}), and what it printed.
 */
record TimedCommand(double seconds, double cpuSeconds, String out) {
  /**
   * Runs {@code command} with {@code bash -o pipefail -c}, its output to a file in {@code work}
   * (printed, and returned), stderr inherited; fails when it exits non-zero (with the FsShell
   * stderr that {@code work/fsshell.err} collected) or runs over 30 minutes.
   */
  static TimedCommand run(Path work, String name, String command)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path out = work.resolve("out-" + name.replaceAll("[^a-z0-9]+", "-") + ".txt");
    System.out.println("running: " + name);
    long start = System.nanoTime();
    Path cpu = work.resolve("cpu-" + name.replaceAll("[^a-z0-9]+", "-") + ".txt");
    // `times` prints the CPU time of the pipeline's processes (its second line: children's user and
    // system).
    Process p =
        new ProcessBuilder(
                "bash",
                "-o",
                "pipefail",
                "-c",
                command + "; rc=$?; times > '" + cpu + "'; exit $rc")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in 30 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      Path err = work.resolve("fsshell.err");
      throw new IllegalStateException(
          name
              + " exited "
              + p.exitValue()
              + ": "
              + command
              + (Files.exists(err) ? "\nFsShell stderr: " + Files.readString(err) : ""));
    }
    String[] children = Files.readAllLines(cpu).get(1).trim().split("\\s+");
    double cpuSeconds = bashSeconds(children[0]) + bashSeconds(children[1]);
    System.out.printf(
        Locale.ROOT, "  %.2f s wall, %.2f CPU-s: %s%n", seconds, cpuSeconds, text.strip());
    return new TimedCommand(seconds, cpuSeconds, text);
  }

  /** {@code 1m2.345s} as seconds. */
  private static double bashSeconds(String s) {
    int m = s.indexOf('m');
    return Integer.parseInt(s.substring(0, m)) * 60
        + Double.parseDouble(s.substring(m + 1, s.length() - 1));
  }
}
