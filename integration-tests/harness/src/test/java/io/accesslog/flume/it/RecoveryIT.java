package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gzip HDFS sink's failure paths in a real agent JVM ({@code
 * flume-conf/storage-source-filechannel.properties}, timers scaled down) against a real Kafka
 * broker and a real MiniDFSCluster: a partial append left in HDFS, and an HDFS outage under load.
 * Kill -9 under load, of every shipped config unchanged, is {@link ShippedConfigsKillIT}.
 *
 * <p>Longer runs: {@code -Doutage.seconds=180} (default 15).
 */
@Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
class RecoveryIT {
  private static final Duration DRAIN = Duration.ofMinutes(3);

  @RegisterExtension static final RealServers SERVERS = new RealServers("recovery");

  private static FlumeAgent.Builder agent(String name, String topic, String root) {
    return AgentChecks.quickSink(
            SERVERS.agent("storage-source-filechannel.properties", name, topic, name, root), name)
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog");
  }

  private static CompletableFuture<KafkaLoader.Loaded> load(
      String topic, AccessLogGenerator generator, int rate, Set<String> produced) {
    return CompletableFuture.supplyAsync(
        () ->
            KafkaLoader.produce(
                SERVERS.kafka().bootstrapServers(),
                topic,
                generator,
                n -> {},
                (AccessLine line) -> produced.add(line.line()),
                rate));
  }

  /**
   * Everything consumed, in the channel's hands no more, and durable in HDFS (nothing buffered in
   * the sink).
   */
  private static void awaitDrained(FlumeAgent agent, String group, String topic) {
    await(
        "drained: lag 0, channel empty, sink buffers empty",
        DRAIN,
        agent,
        () -> {
          Map<String, String> sink = agent.metrics().get("SINK.hdfs");
          Map<String, String> channel = agent.metrics().get("CHANNEL.ch");
          return KafkaOffsets.lag(SERVERS.kafka(), group, topic) == 0
              && "0".equals(channel.get("ChannelSize"))
              && "0".equals(sink.get("Recovering"))
              && "0".equals(sink.get("Level1Bytes"))
              && "0".equals(sink.get("Level2Bytes"))
              && "0".equals(sink.get("InFlightBytes"));
        });
  }

  private static void await(
      String what, Duration timeout, FlumeAgent agent, BooleanSupplier condition) {
    AgentChecks.await(what, timeout, agent, condition);
  }

  private static Map<String, Integer> readFinished(String root) {
    return AgentChecks.readFinished(SERVERS, root);
  }

  private static long missing(Set<String> produced, Map<String, Integer> copies) {
    return produced.stream().filter(l -> !copies.containsKey(l)).count();
  }

  @Test
  void partialAppendLeftInHdfs_withIntentRecorded_cutBackToLastWholeMember_linesWrittenAgain()
      throws Exception {
    String name = "trunc-it";
    String topic = "trunc";
    String root = "/logs/trunc";
    SERVERS.kafka().createTopic(topic, 2);
    AccessLogGenerator generator =
        new AccessLogGenerator(
            12, 24_000, 6, 2, AccessLogGenerator.hourStartHoursAgo(0), 1, ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    CompletableFuture<KafkaLoader.Loaded> loading = load(topic, generator, 3000, produced);
    FlumeAgent.Builder builder =
        agent(name, topic, root).override("a1.sinks.hdfs.append.jitterPercent", "0");
    FlumeAgent agent = builder.start();
    KafkaLoader.Loaded loaded = loading.get();
    awaitDrained(agent, name, topic);
    agent.kill(); // the current hour's files stay in progress
    agent.process().awaitExit(Duration.ofSeconds(30));

    // Pick a file whose last write appended to earlier members; forget that the write finished
    // (drop its W line from the ledger, so only its intent is left) and cut the file in its middle.
    Path ledger = SERVERS.work().resolve(name).resolve("data/spool-hdfs/hdfs-ledger.log");
    List<String> lines = new ArrayList<>(Files.readAllLines(ledger, StandardCharsets.UTF_8));
    Map<String, Integer> lastIntent = new LinkedHashMap<>();
    Map<String, Integer> lastWrite = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t");
      String file = f[1] + "\t" + f[2] + "\t" + f[4];
      if (f[0].equals("I")) {
        lastIntent.put(file, i);
      } else if (f[0].equals("W")) {
        lastWrite.put(file, i);
      }
    }
    String chosen = null;
    for (Map.Entry<String, Integer> e : lastIntent.entrySet()) {
      String[] intent = lines.get(e.getValue()).split("\t");
      Integer w = lastWrite.get(e.getKey());
      if (Long.parseLong(intent[5]) > 0 && w != null && w > e.getValue()) {
        chosen = e.getKey();
      }
    }
    assertTrue(
        chosen != null, "a file with at least two writes: " + lines.size() + " ledger lines");
    String[] intent = lines.get(lastIntent.get(chosen)).split("\t");
    long before = Long.parseLong(intent[5]);
    long bytes = Long.parseLong(intent[6]);
    lines.remove((int) lastWrite.get(chosen));
    Files.write(ledger, lines, StandardCharsets.UTF_8);
    String path =
        intent[1]
            + "/_"
            + intent[2]
            + ".w-"
            + name
            + "."
            + String.format("%04d", Integer.parseInt(intent[4]))
            + ".gz";
    DistributedFileSystem fs = (DistributedFileSystem) SERVERS.hdfs().fileSystem();
    org.apache.hadoop.fs.Path hdfsPath = new org.apache.hadoop.fs.Path(path);
    assertEquals(before + bytes, fs.getFileStatus(hdfsPath).getLen());
    byte[] wholeMembers = readPrefix(fs, hdfsPath, before);
    if (!fs.truncate(hdfsPath, before + bytes / 2)) {
      await("truncate finished", Duration.ofSeconds(60), agent, () -> isClosed(fs, hdfsPath));
    }
    String directory =
        hdfsPath.toUri().getPath().substring(0, hdfsPath.toUri().getPath().lastIndexOf('/'));
    assertThrows(
        RuntimeException.class,
        () -> HdfsReadback.read(fs, directory),
        "a partial member makes Hadoop's reader fail the file");

    agent = builder.start();
    try {
      awaitDrained(agent, name, topic);
      Map<String, String> sink = agent.metrics().get("SINK.hdfs");
      assertEquals("1", sink.get("RecoveredFiles"), sink.toString());
      assertTrue(Long.parseLong(sink.get("ReplayedEvents")) > 0, sink.toString());
    } finally {
      agent.stop();
    }
    String finished = path.replace("/_", "/");
    org.apache.hadoop.fs.Path finalPath = new org.apache.hadoop.fs.Path(finished);
    assertTrue(
        Arrays.equals(wholeMembers, readPrefix(fs, finalPath, before)),
        "members before the cut kept as they were");
    Map<String, Integer> copies = readFinished(root);
    assertEquals(0, missing(produced, copies));
    assertEquals(loaded.lines(), copies.size());
    assertEquals(
        loaded.lines(),
        copies.values().stream().mapToLong(Integer::longValue).sum(),
        "no line twice");
    System.out.printf(
        "partial append: %s cut from %d to %d bytes (whole members end at %d); repaired, %d lines once%n",
        path, before + bytes, before + bytes / 2, before, loaded.lines());
  }

  private static boolean isClosed(DistributedFileSystem fs, org.apache.hadoop.fs.Path path) {
    try {
      return fs.isFileClosed(path);
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] readPrefix(FileSystem fs, org.apache.hadoop.fs.Path path, long length)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = fs.open(path)) {
      byte[] buffer = new byte[65536];
      long left = length;
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    return out.toByteArray();
  }

  @Test
  void hdfsDownUnderLoad_spoolGrowsThenDrains_smallSpoolHoldsSourceBack_nothingLost()
      throws Exception {
    int outageSeconds = Integer.getInteger("outage.seconds", 15);
    String name = "outage-it";
    String topic = "outage";
    String root = "/logs/outage";
    SERVERS.kafka().createTopic(topic, 4);
    int rate = 4000;
    AccessLogGenerator generator =
        new AccessLogGenerator(
            13,
            (long) rate * (outageSeconds + 8),
            20,
            5,
            AccessLogGenerator.hourStartHoursAgo(0),
            1,
            ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    CompletableFuture<KafkaLoader.Loaded> loading = load(topic, generator, rate, produced);
    FlumeAgent agent =
        agent(name, topic, root)
            .override("a1.sinks.hdfs.spool.segmentBytes", "1MB")
            .override("a1.sinks.hdfs.spool.maxBytes", "2MB")
            .override("a1.sinks.hdfs.batchSize", "1000")
            .override("a1.channels.ch.capacity", "20000")
            .start();
    long spoolMax = 0;
    long spoolAfter;
    long fillMax = 0;
    Map<String, String> sourceDuringOutage;
    try {
      agent.awaitCounter("SINK.hdfs", "HdfsWrites", 1, Duration.ofSeconds(60));
      SERVERS.hdfs().stop();
      long end = System.nanoTime() + Duration.ofSeconds(outageSeconds).toNanos();
      while (System.nanoTime() < end) {
        Map<String, Map<String, String>> m = agent.metrics();
        spoolMax = Math.max(spoolMax, Long.parseLong(m.get("SINK.hdfs").get("SpoolBytes")));
        fillMax =
            Math.max(
                fillMax,
                (long) Double.parseDouble(m.get("CHANNEL.ch").get("ChannelFillPercentage")));
        KafkaBroker.sleepQuietly(500);
      }
      sourceDuringOutage = agent.metrics().get("SOURCE.kafka");
      SERVERS.hdfs().restart();
      loading.get();
      awaitDrained(agent, name, topic);
      await(
          "spool drained",
          Duration.ofSeconds(30),
          agent,
          () -> agent.counter("SINK.hdfs", "SpoolBytes") < (1L << 20) + (1L << 19));
      spoolAfter = agent.counter("SINK.hdfs", "SpoolBytes");
    } finally {
      try {
        if (!SERVERS.hdfs().isRunning()) {
          SERVERS.hdfs().restart();
        }
      } finally {
        agent.stop();
      }
    }
    System.out.printf(
        "HDFS outage %d s under %d lines/s: spool peak %d bytes (spool.maxBytes 2 MB), after drain %d; "
            + "channel fill peak %d %%, source ChannelWriteFail %s, paused partitions %s%n",
        outageSeconds,
        rate,
        spoolMax,
        spoolAfter,
        fillMax,
        sourceDuringOutage.get("ChannelWriteFail"),
        sourceDuringOutage.get("KafkaPausedPartitionCount"));
    assertTrue(
        spoolMax >= 2L << 20, "the spool grew to spool.maxBytes during the outage: " + spoolMax);
    assertTrue(spoolAfter < spoolMax);
    // The source puts 5,000-event batches into a 20,000-event channel: a refused put leaves it >=
    // 75 % full.
    assertTrue(fillMax >= 70, "the channel filled once the spool was full: " + fillMax + " %");
    assertTrue(
        Long.parseLong(sourceDuringOutage.get("ChannelWriteFail")) > 0,
        "the source was held back: " + sourceDuringOutage);
    Map<String, Integer> copies = readFinished(root);
    assertEquals(0, missing(produced, copies));
    assertEquals(
        produced.size(),
        copies.values().stream().mapToLong(Integer::longValue).sum(),
        "no line twice");
  }
}
