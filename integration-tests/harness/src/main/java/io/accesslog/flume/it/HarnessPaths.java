package io.accesslog.flume.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Where the builds laid out the installs: system properties set by failsafe (and by demo.sh /
 * benchmark.sh), else found from the working directory upwards.
 */
public final class HarnessPaths {
  private HarnessPaths() {}

  public static FlumeAgent.FlumeHome flumeHome() {
    return new FlumeAgent.FlumeHome(
        find("accesslog.flumeHome", "integration-tests/flume-home/target/flume-home"));
  }

  /** The same install on Flume 1.10.1 (module integration-tests/flume-home-1.10). */
  public static FlumeAgent.FlumeHome flumeHome110() {
    return new FlumeAgent.FlumeHome(
        find("accesslog.flumeHome110", "integration-tests/flume-home-1.10/target/flume-home"));
  }

  /** Hadoop client jars that run on JDK 23+ (copied by the harness build; see its pom). */
  public static Path hadoopJdk25Client() {
    return find(
        "accesslog.hadoopJdk25Client", "integration-tests/harness/target/hadoop-client-3.5.0");
  }

  public static Path kafkaHome() {
    return find("accesslog.kafkaHome", "integration-tests/kafka-home/target/kafka-home");
  }

  /** The measuring HDFS client jar for benchmark agents (module integration-tests/hdfs-probe). */
  public static Path hdfsProbeJar() {
    return find("accesslog.hdfsProbeJar", "integration-tests/hdfs-probe/target/hdfs-probe.jar");
  }

  /** The repository's flume-conf/ (the example configs users copy). */
  public static Path confExamples() {
    return find("accesslog.confExamples", "flume-conf");
  }

  /** The metrics collector's built jar (its dependencies beside it in lib/). */
  public static Path collectorJar() {
    return MetricsCollectorProcess.findJar(
        find("accesslog.collectorTarget", "flume-metrics-collector/target"));
  }

  /** Scratch space for servers and agents; each test takes its own subdirectory. */
  public static Path workDir() {
    String configured = System.getProperty("accesslog.workDir");
    return configured != null ? Path.of(configured) : Path.of("target", "it-work").toAbsolutePath();
  }

  /**
   * Deletes what the servers of a benchmark run stored under its work directory ({@code kafka/},
   * {@code hdfs/}), once they have stopped: a run of 10 GB leaves that much again in Kafka's log
   * and in HDFS blocks, and a second run would fill the disk. Logs and everything else stay.
   *
   * @return the bytes deleted
   */
  public static long deleteServerData(Path work) throws java.io.IOException {
    long bytes = 0;
    for (String dir : new String[] {"kafka", "hdfs"}) {
      Path root = work.resolve(dir);
      if (!Files.exists(root)) {
        continue;
      }
      java.util.List<Path> paths;
      try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
        paths = walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList());
      }
      for (Path path : paths) {
        if (Files.isRegularFile(path)) {
          bytes += Files.size(path);
        }
        Files.delete(path);
      }
    }
    return bytes;
  }

  private static Path find(String property, String relative) {
    String configured = System.getProperty(property);
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(
        relative
            + " not found from "
            + Path.of("").toAbsolutePath()
            + " upwards; set -D"
            + property
            + "=... or run mvn -DskipTests package at the repository root");
  }
}
