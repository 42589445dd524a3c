package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;

/** Waits on a running agent and read-back checks shared by the failure-path tests. */
final class AgentChecks {
  private AgentChecks() {}

  /**
   * Sink settings for failure tests: a fixed writer id, members and appends within seconds, quick
   * retries, a bounded graceful stop.
   */
  static FlumeAgent.Builder quickSink(FlumeAgent.Builder builder, String writerId) {
    return builder
        .override("a1.sinks.hdfs.writer.id", writerId)
        .override("a1.sinks.hdfs.member.maxAge", "1s")
        .override("a1.sinks.hdfs.append.maxAge", "2s")
        .override("a1.sinks.hdfs.retry.initialBackoff", "200ms")
        .override("a1.sinks.hdfs.retry.maxBackoff", "2s")
        .override("a1.sinks.hdfs.hdfs.recoveryTimeout", "30s")
        .override("a1.sinks.hdfs.stop.timeout", "60s");
  }

  /**
   * Polls {@code condition} every 500 ms; fails with the sink's metrics and the agent's log tail.
   */
  static void await(String what, Duration timeout, FlumeAgent agent, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not "
                + what
                + " within "
                + timeout.toSeconds()
                + " s; sink "
                + agent.metrics().get("SINK.hdfs")
                + "\nagent log tail:\n"
                + agent.process().logTail(40));
      }
      KafkaBroker.sleepQuietly(500);
    }
  }

  /** dfs.bytes-per-checksum of the test clusters (the default). */
  private static final int CHECKSUM_CHUNK = 512;

  /**
   * Copies per line under {@code root}, asserting that no in-progress file is left, that every file
   * ends on a checksum chunk (so a DataNode crash in a later append could not have cut into it),
   * and that zcat and Hadoop's TextInputFormat read every file whole.
   */
  static Map<String, Integer> readFinished(RealServers servers, String root) {
    FileSystem fs = servers.hdfs().fileSystem();
    List<String> hidden =
        HdfsReadback.listFiles(fs, root).stream().filter(HdfsReadback::isHidden).toList();
    assertEquals(List.of(), hidden, "every file finished at the graceful stop");
    Map<String, Integer> copies = new ConcurrentHashMap<>();
    HdfsReadback.Report report =
        HdfsReadback.read(fs, root, (file, line) -> copies.merge(line, 1, Integer::sum));
    long zcat = 0;
    for (HdfsReadback.FileReport file : report.files()) {
      zcat += IndependentReaders.zcatLines(fs, file.path(), servers.work().resolve("zcat"));
    }
    assertEquals(report.lines(), zcat, "zcat reads every file whole");
    List<String> unaligned =
        report.files().stream()
            .filter(f -> f.bytes() % CHECKSUM_CHUNK != 0)
            .map(f -> f.path() + " (" + f.bytes() + " bytes)")
            .toList();
    assertEquals(
        List.of(),
        unaligned,
        "every file ends on a " + CHECKSUM_CHUNK + "-byte checksum chunk (the sink's padding)");
    assertEquals(
        report.lines(),
        IndependentReaders.textInputFormatLines(servers.hdfs().clientConfiguration(), root),
        "TextInputFormat reads every file whole");
    return copies;
  }
}
