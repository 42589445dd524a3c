package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance of our Kafka source in real agent JVMs against a real broker: a stalled sink behind a
 * tiny channel for longer than {@code max.poll.interval.ms}, and a group member killed with -9
 * mid-run.
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class SourceAcceptanceIT {
  private static final int MAX_POLL_INTERVAL_MS = 6_000;

  @RegisterExtension static final RealServers SERVERS = new RealServers("source-acceptance");

  /**
   * Our source -> MemoryChannel of 300 -> stock HDFS sink, with HDFS refusing writes (NameNode in
   * safe mode) for twice {@code max.poll.interval.ms}: the channel stays full, the source keeps
   * polling with paused partitions, and once HDFS takes writes again every record lands exactly
   * once with no rebalance.
   */
  @Test
  void tinyChannel_sinkStalledLongerThanMaxPollInterval_everyRecordOnce_noRebalance()
      throws IOException {
    String topic = "access-stall";
    int lines = 3_000;
    SERVERS.kafka().createTopic(topic, 2);
    KafkaLoader.Loaded loaded =
        KafkaLoader.produce(
            SERVERS.kafka().bootstrapServers(),
            topic,
            new AccessLogGenerator(
                21, lines, 6, 2, AccessLogGenerator.hourStartHoursAgo(3), 1, ZoneOffset.UTC),
            n -> {});
    Path work = SERVERS.work().resolve("stall-agent");
    Path config =
        write(
            work.resolve("stall.properties"),
            String.join(
                "\n",
                "a1.sources = kafka",
                "a1.channels = ch",
                "a1.sinks = hdfs",
                "a1.sources.kafka.type = io.accesslog.flume.source.AccessLogKafkaSource",
                "a1.sources.kafka.channels = ch",
                "a1.sources.kafka.kafka.bootstrap.servers = ${env:KAFKA_BOOTSTRAP_SERVERS}",
                "a1.sources.kafka.kafka.topics = " + topic,
                "a1.sources.kafka.kafka.consumer.group.id = stall-it",
                "a1.sources.kafka.kafka.consumer.max.poll.interval.ms = " + MAX_POLL_INTERVAL_MS,
                "a1.sources.kafka.kafka.consumer.session.timeout.ms = 6000",
                "a1.sources.kafka.kafka.consumer.heartbeat.interval.ms = 1000",
                "a1.sources.kafka.batchSize = 100",
                "a1.sources.kafka.batchDurationMillis = 200",
                "a1.sources.kafka.backoff.maxMillis = 1000",
                "a1.sources.kafka.maxBackoffSleep = 1000",
                "a1.sources.kafka.lag.refreshIntervalMillis = 1000",
                "a1.channels.ch.type = memory",
                "a1.channels.ch.capacity = 300",
                "a1.channels.ch.transactionCapacity = 100",
                "a1.channels.ch.keep-alive = 1",
                "a1.sinks.hdfs.type = hdfs",
                "a1.sinks.hdfs.channel = ch",
                "a1.sinks.hdfs.hdfs.path = ${env:HDFS_URI}/stall/%{key}",
                "a1.sinks.hdfs.hdfs.filePrefix = access",
                "a1.sinks.hdfs.hdfs.inUsePrefix = _",
                "a1.sinks.hdfs.hdfs.fileType = DataStream",
                "a1.sinks.hdfs.hdfs.batchSize = 100",
                "a1.sinks.hdfs.hdfs.rollInterval = 0",
                "a1.sinks.hdfs.hdfs.rollSize = 0",
                "a1.sinks.hdfs.hdfs.rollCount = 0",
                "a1.sinks.hdfs.hdfs.callTimeout = 5000",
                ""));
    SERVERS.hdfs().safeMode(true);
    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(config)
            .workDir(work)
            .env(SERVERS.kafka().env())
            .env(SERVERS.hdfs().env())
            .hadoopSite(SERVERS.hdfs().clientSite())
            .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs")
            .start();
    try {
      agent.awaitCounter("SOURCE.kafka", "ChannelWriteFail", 1, Duration.ofMinutes(1));
      agent.awaitCounter("SINK.hdfs", "EventWriteFail", 1, Duration.ofMinutes(1));
      KafkaBroker.sleepQuietly(2L * MAX_POLL_INTERVAL_MS);
      Map<String, String> stalled = agent.metrics().get("SOURCE.kafka");
      assertEquals(
          "2",
          stalled.get("KafkaPausedPartitionCount"),
          "paused while the channel is full: " + stalled);
      assertTrue(
          Long.parseLong(stalled.get("EventAcceptedCount")) < lines, "still stalled: " + stalled);
      SERVERS.hdfs().safeMode(false);
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", lines, Duration.ofMinutes(2));
      Map<String, String> source = agent.metrics().get("SOURCE.kafka");
      System.out.println("stalled sink: source counters " + source);
      assertEquals("1", source.get("KafkaRebalanceCount"), "only the first assignment: " + source);
      assertEquals("0", source.get("KafkaPartitionsRevokedCount"), source.toString());
      assertEquals("0", source.get("KafkaPartitionsLostCount"), source.toString());
      assertEquals("0", source.get("KafkaCommitFailureCount"), source.toString());
      assertEquals(String.valueOf(lines), source.get("EventAcceptedCount"), source.toString());
    } finally {
      SERVERS.hdfs().safeMode(false);
      agent.stop();
    }
    HdfsReadback.Report report = HdfsReadback.read(SERVERS.hdfs().fileSystem(), "/stall");
    assertEquals(List.of(), report.inProgressFiles());
    assertTrue(
        report.digest().sameLinesAs(loaded.digest()),
        "every record exactly once: " + report.digest() + " vs " + loaded.digest());
  }

  /**
   * Two agents in one group (our source -> FileChannel -> file_roll), one killed with -9 mid-run
   * and restarted: nothing is lost; duplicates come only from the killed agent's last batches whose
   * Kafka offsets (source) or channel take (sink) were not yet committed.
   */
  @Test
  void twoAgentsOneGroup_oneKilledAndRestarted_nothingLost_duplicatesOnlyFromItsLastBatch()
      throws IOException {
    String topic = "access-kill";
    int sourceBatch = 100;
    int sinkBatch = 100;
    SERVERS.kafka().createTopic(topic, 4);
    Set<String> produced = new HashSet<>();
    Path config =
        write(
            SERVERS.work().resolve("kill-agent.properties"),
            String.join(
                "\n",
                "a1.sources = kafka",
                "a1.channels = ch",
                "a1.sinks = out",
                "a1.sources.kafka.type = io.accesslog.flume.source.AccessLogKafkaSource",
                "a1.sources.kafka.channels = ch",
                "a1.sources.kafka.kafka.bootstrap.servers = ${env:KAFKA_BOOTSTRAP_SERVERS}",
                "a1.sources.kafka.kafka.topics = " + topic,
                "a1.sources.kafka.kafka.consumer.group.id = kill-it",
                "a1.sources.kafka.kafka.consumer.session.timeout.ms = 6000",
                "a1.sources.kafka.kafka.consumer.heartbeat.interval.ms = 1000",
                "a1.sources.kafka.batchSize = " + sourceBatch,
                "a1.sources.kafka.batchDurationMillis = 200",
                "a1.sources.kafka.maxBackoffSleep = 500",
                "a1.channels.ch.type = file",
                "a1.channels.ch.checkpointDir = ${env:FLUME_DATA_DIR}/checkpoint",
                "a1.channels.ch.dataDirs = ${env:FLUME_DATA_DIR}/data",
                "a1.channels.ch.transactionCapacity = " + sourceBatch,
                "a1.sinks.out.type = file_roll",
                "a1.sinks.out.channel = ch",
                "a1.sinks.out.sink.directory = ${env:FLUME_DATA_DIR}/out",
                "a1.sinks.out.sink.rollInterval = 0",
                "a1.sinks.out.sink.batchSize = " + sinkBatch,
                ""));
    Path dirA = SERVERS.work().resolve("kill-a");
    Path dirB = SERVERS.work().resolve("kill-b");
    for (Path dir : List.of(dirA, dirB)) {
      Files.createDirectories(dir.resolve("data/out"));
    }
    FlumeAgent a = start(config, dirA, "a");
    FlumeAgent b = start(config, dirB, "b");
    long acceptedByAAtKill;
    try {
      // A owned all 4 partitions, then gave 2 to B (cooperative): both share the topic before data
      // comes.
      a.awaitCounter("SOURCE.kafka", "KafkaPartitionsRevokedCount", 2, Duration.ofMinutes(1));
      KafkaLoader.produce(
          SERVERS.kafka().bootstrapServers(),
          topic,
          new AccessLogGenerator(
              31, 20_000, 12, 2, AccessLogGenerator.hourStartHoursAgo(3), 1, ZoneOffset.UTC),
          n -> {},
          line -> produced.add(line.line()));
      // Kill A once it is moving.
      acceptedByAAtKill =
          a.awaitCounter("SOURCE.kafka", "EventAcceptedCount", 2_000, Duration.ofMinutes(1));
      a.kill();
      long doneAtKill = acceptedByAAtKill + b.counter("SOURCE.kafka", "EventAcceptedCount");
      a = start(config, dirA, "a (restarted)");
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (distinctLines(dirA, dirB) < produced.size() && System.nanoTime() < deadline) {
        KafkaBroker.sleepQuietly(500);
      }
      System.out.println(
          "kill -9 of agent A after it had accepted "
              + acceptedByAAtKill
              + " records ("
              + doneAtKill
              + " of "
              + produced.size()
              + " accepted by both at the kill)");
    } finally {
      a.stop();
      b.stop();
    }
    Map<String, Integer> counts = lineCounts(dirA, dirB);
    Set<String> missing = new HashSet<>(produced);
    missing.removeAll(counts.keySet());
    long duplicates = counts.values().stream().mapToLong(c -> c - 1).sum();
    System.out.println(
        "two agents, one killed: "
            + counts.size()
            + " distinct lines of "
            + produced.size()
            + ", "
            + missing.size()
            + " missing, "
            + duplicates
            + " duplicates (bound: source batch "
            + sourceBatch
            + " + sink batch "
            + sinkBatch
            + ")");
    assertEquals(Set.of(), missing, "nothing lost");
    assertEquals(produced.size(), counts.size(), "no line that was not produced");
    assertTrue(
        duplicates <= sourceBatch + sinkBatch,
        "duplicates only from A's last batches: " + duplicates);
  }

  private static FlumeAgent start(Path config, Path workDir, String name) {
    return FlumeAgent.builder(HarnessPaths.flumeHome())
        .configFile(config)
        .workDir(workDir)
        .env(SERVERS.kafka().env())
        .env("FLUME_DATA_DIR", workDir.resolve("data").toString())
        .heap("512m")
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.out")
        .start();
  }

  private static long distinctLines(Path... dirs) {
    return lineCounts(dirs).size();
  }

  private static Map<String, Integer> lineCounts(Path... dirs) {
    Map<String, Integer> counts = new HashMap<>();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.list(dir.resolve("data/out"))) {
        for (Path file : files.toList()) {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            counts.merge(line, 1, Integer::sum);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return counts;
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
