package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka direct channel in a real agent JVM, with the shipped {@code
 * flume-conf/storage-direct.properties}: our access-log interceptor configured on the channel, no
 * source, our gzip HDFS sink (here two of them on the one channel, so two sink threads share it).
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class DirectChannelIT {
  private static final int LINES = 20_000;
  private static final String ROOT = "/logs/direct";
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("yyyyMMdd/HH").withZone(ZoneOffset.UTC);

  @RegisterExtension static final RealServers SERVERS = new RealServers("direct-channel");

  @Test
  void
      directAgent_interceptorOnChannel_twoSinks_linesInTheirDirectories_orderPerHost_offsetsAfterSinkCommit() {
    String topic = "access-direct";
    String group = "direct-it";
    SERVERS.kafka().createTopic(topic, 4);
    Map<String, String> expectedDirectory = new ConcurrentHashMap<>();
    AccessLogGenerator generator =
        new AccessLogGenerator(
            11, LINES, 8, 6, AccessLogGenerator.hourStartHoursAgo(3), 2, ZoneOffset.UTC);
    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(HarnessPaths.confExamples().resolve("storage-direct.properties"))
            .workDir(SERVERS.work().resolve("direct-agent"))
            .env(SERVERS.kafka().env())
            .env(SERVERS.hdfs().env())
            .hadoopSite(SERVERS.hdfs().clientSite())
            .env("KAFKA_TOPIC", topic)
            .env("KAFKA_GROUP_ID", group)
            .env("HDFS_ROOT", ROOT)
            .override("a1.channels.ch.lag.refreshIntervalMillis", "1000")
            // small sink batches, so offsets are committed many times while the run goes on
            .override("a1.sinks.hdfs.batchSize", "500")
            .override("a1.sinks.hdfs.member.maxAge", "3s")
            .override("a1.sinks.hdfs.append.maxAge", "6s")
            // a second sink thread on the same channel
            .override("a1.sinks", "hdfs hdfs2")
            .override("a1.sinks.hdfs2.type", "io.accesslog.flume.sink.GzipHdfsSink")
            .override("a1.sinks.hdfs2.channel", "ch")
            .override("a1.sinks.hdfs2.hdfs.root", SERVERS.hdfs().uri() + ROOT)
            .override(
                "a1.sinks.hdfs2.spool.dir",
                SERVERS.work().resolve("direct-agent/spool-hdfs2").toString())
            .override("a1.sinks.hdfs2.batchSize", "500")
            .override("a1.sinks.hdfs2.member.maxAge", "3s")
            .override("a1.sinks.hdfs2.append.maxAge", "6s")
            .expect("CHANNEL.ch", "SINK.hdfs", "SINK.hdfs2", "INTERCEPTOR.accesslog")
            .start();
    List<String> aheadOfSinks = new ArrayList<>();
    long samples = 0;
    KafkaLoader.Loaded loaded;
    try {
      // Both sink threads must take part. An idle sink backs off for up to 5 s (Flume's
      // SinkRunner), and
      // one sink alone drains 20,000 lines in less, so the lines are produced only once the channel
      // has its
      // partitions, and over about 10 s: longer than any backoff, so each sink wakes while records
      // wait.
      long assignDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (agent.counter("CHANNEL.ch", "KafkaRebalanceCount") < 1
          && System.nanoTime() < assignDeadline) {
        KafkaBroker.sleepQuietly(100);
      }
      assertTrue(
          agent.counter("CHANNEL.ch", "KafkaRebalanceCount") >= 1,
          "the channel got its partitions");
      java.util.concurrent.CompletableFuture<KafkaLoader.Loaded> producing =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  KafkaLoader.produce(
                      SERVERS.kafka().bootstrapServers(),
                      topic,
                      generator,
                      n -> {},
                      (AccessLine line) ->
                          expectedDirectory.put(
                              line.line(),
                              ROOT
                                  + "/access/"
                                  + line.app()
                                  + "/"
                                  + DAY_HOUR.format(Instant.ofEpochMilli(line.eventMillis()))),
                      LINES / 10));
      // Offsets are acknowledged only for records whose sink transaction committed: sampled all
      // along,
      // the group's committed offsets never exceed the channel's committed takes read just after.
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      long committed;
      do {
        committed = KafkaOffsets.committedTotal(SERVERS.kafka(), group);
        long takenAndCommitted = agent.counter("CHANNEL.ch", "EventTakeSuccessCount");
        samples++;
        if (committed > takenAndCommitted) {
          aheadOfSinks.add(committed + " > " + takenAndCommitted);
        }
        KafkaBroker.sleepQuietly(100);
      } while (committed < LINES && System.nanoTime() < deadline);
      loaded = producing.join();
      assertEquals(LINES, committed, "every offset committed once the sinks committed every line");
      Map<String, String> channel = agent.metrics().get("CHANNEL.ch");
      assertEquals(String.valueOf(LINES), channel.get("EventTakeSuccessCount"), channel.toString());
      assertEquals("0", channel.get("KafkaCommitFailureCount"), channel.toString());
      assertEquals("0", channel.get("KafkaPartitionsLostCount"), channel.toString());
      assertTrue(agent.counter("SINK.hdfs", "EventDrainSuccessCount") > 0, "both sinks took part");
      assertTrue(agent.counter("SINK.hdfs2", "EventDrainSuccessCount") > 0, "both sinks took part");
      assertEquals(
          String.valueOf(LINES), agent.metrics().get("INTERCEPTOR.accesslog").get("EventsOk"));
    } finally {
      agent.stop();
    }
    assertFalse(agent.process().isAlive());
    assertEquals(
        List.of(), aheadOfSinks, "offsets ahead of sink commits (of " + samples + " samples)");

    // Headers from the channel's interceptor: each line in the directory of its app and event hour.
    Map<String, List<long[]>> sequencesPerFile = new ConcurrentHashMap<>();
    List<String> misplaced = new ArrayList<>();
    HdfsReadback.Report report =
        HdfsReadback.read(
            SERVERS.hdfs().fileSystem(),
            ROOT,
            (file, line) -> {
              String dir = file.substring(0, file.lastIndexOf('/'));
              if (!dir.equals(expectedDirectory.get(line))) {
                synchronized (misplaced) {
                  misplaced.add(file + " (expected " + expectedDirectory.get(line) + "): " + line);
                }
              }
              sequencesPerFile
                  .computeIfAbsent(file, f -> new ArrayList<>())
                  .add(AccessLine.hostAndSequence(line));
            });
    assertEquals(List.of(), misplaced);
    assertTrue(
        report.digest().sameLinesAs(loaded.digest()),
        "every line exactly once: " + report.digest() + " vs " + loaded.digest());
    assertEquals(List.of(), report.inProgressFiles());
    // One writer per file: within each file every host's lines keep their Kafka (per-key) order.
    for (Map.Entry<String, List<long[]>> e : sequencesPerFile.entrySet()) {
      Map<Long, Long> last = new HashMap<>();
      for (long[] hostSeq : e.getValue()) {
        Long previous = last.put(hostSeq[0], hostSeq[1]);
        assertTrue(
            previous == null || previous < hostSeq[1], "per-host order broken in " + e.getKey());
      }
    }
  }

  /**
   * The channel runs on the kafka-clients Flume ships in lib/ (no classloader isolation): no other
   * copy.
   */
  @Test
  void agentClasspath_onlyFlumesKafkaClients() throws java.io.IOException {
    List<String> jars = new ArrayList<>();
    try (java.util.stream.Stream<java.nio.file.Path> files =
        java.nio.file.Files.walk(HarnessPaths.flumeHome().root())) {
      files
          .map(f -> HarnessPaths.flumeHome().root().relativize(f).toString())
          .filter(f -> f.matches(".*kafka-clients.*\\.jar"))
          .forEach(jars::add);
    }
    assertEquals(List.of("lib/kafka-clients-2.7.2.jar"), jars);
  }

  @Test
  void sinkThatCannotCommit_channelRollsBack_groupOffsetsNeverAdvance() {
    String topic = "access-direct-stuck";
    String group = "direct-stuck-it";
    SERVERS.kafka().createTopic(topic, 2);
    KafkaLoader.produce(
        SERVERS.kafka().bootstrapServers(),
        topic,
        new AccessLogGenerator(
            12, 2_000, 4, 2, AccessLogGenerator.hourStartHoursAgo(3), 1, ZoneOffset.UTC),
        n -> {});
    // The stock HDFS sink takes a batch, cannot write it (no NameNode on that port) and rolls back.
    int deadPort = Ports.freeLoopbackPort();
    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(HarnessPaths.confExamples().resolve("storage-direct.properties"))
            .workDir(SERVERS.work().resolve("stuck-agent"))
            .env(SERVERS.kafka().env())
            .env("HDFS_URI", "hdfs://127.0.0.1:" + deadPort)
            .hadoopSite(
                Map.of(
                    "ipc.client.connect.max.retries",
                    "0",
                    "ipc.client.connect.max.retries.on.timeouts",
                    "0"))
            .env("KAFKA_TOPIC", topic)
            .env("KAFKA_GROUP_ID", group)
            .env("HDFS_ROOT", ROOT)
            .override("a1.sinks.hdfs.type", "hdfs")
            .override("a1.sinks.hdfs.hdfs.path", "hdfs://127.0.0.1:" + deadPort + "/stuck")
            .override("a1.sinks.hdfs.hdfs.batchSize", "100")
            .override("a1.sinks.hdfs.hdfs.callTimeout", "2000")
            .override("a1.sinks.hdfs.hdfs.closeTries", "1")
            .override("a1.channels.ch.lag.refreshIntervalMillis", "1000")
            .override("a1.sinks.hdfs.hdfs.retryInterval", "1")
            .expect("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog")
            .start();
    try {
      // Several failed sink transactions: each took a record, failed to open its file, rolled back.
      agent.awaitCounter("SINK.hdfs", "EventWriteFail", 3, Duration.ofMinutes(1));
      Map<String, String> channel = agent.metrics().get("CHANNEL.ch");
      assertEquals("0", channel.get("EventTakeSuccessCount"), channel.toString());
      assertEquals(
          0,
          KafkaOffsets.committedTotal(SERVERS.kafka(), group),
          "no offset committed for records whose sink transaction rolled back");
      assertTrue(
          Long.parseLong(channel.get("ChannelSize")) > 0, "records held, not dropped: " + channel);
      // Lag counts from the oldest record no sink has committed: all of them.
      agent.awaitCounter("CHANNEL.ch", "KafkaLagTotal", 2_000, Duration.ofSeconds(30));
    } finally {
      agent.stop();
    }
    assertEquals(
        0, KafkaOffsets.committedTotal(SERVERS.kafka(), group), "nothing committed at stop either");
  }
}
