package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale-out: two real agents from {@code flume-conf/storage-source-filechannel.properties} in one
 * Kafka consumer group, writing the same HDFS root under a steady producer. Each sink writes only
 * files named with its own writer id, so the two never touch the same file: no lease conflict in
 * either log, no failed HDFS write, every line present, per-host order kept in every file.
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class ScaleOutIT {
  private static final String TOPIC = "scale";
  private static final String GROUP = "scale-out";
  private static final String ROOT = "/logs/scale";
  private static final Pattern WRITER = Pattern.compile("\\.w-([A-Za-z0-9._-]+)\\.\\d{4,}\\.gz$");
  private static final List<String> LEASE_TROUBLE =
      List.of(
          "AlreadyBeingCreatedException",
          "LeaseExpiredException",
          "RecoveryInProgressException",
          "FileAlreadyExistsException");

  @RegisterExtension static final RealServers SERVERS = new RealServers("scale-out");

  @Test
  void twoAgentsOneGroupOneRoot_eachWritesOnlyItsOwnFiles_noLeaseConflict_everyLinePresent()
      throws Exception {
    SERVERS.kafka().createTopic(TOPIC, 6);
    List<String> writers = List.of("scale-a", "scale-b");
    List<FlumeAgent> agents = new ArrayList<>();
    Set<String> produced = ConcurrentHashMap.newKeySet();
    KafkaLoader.Loaded loaded;
    try {
      for (String writer : writers) {
        agents.add(agent(writer).start());
      }
      // 40 web servers x 3 apps, two closed event hours: the files finish on the sinks' own timers.
      AccessLogGenerator generator =
          new AccessLogGenerator(
              41, 60_000, 40, 3, AccessLogGenerator.hourStartHoursAgo(3), 2, ZoneOffset.UTC);
      loaded =
          CompletableFuture.supplyAsync(
                  () ->
                      KafkaLoader.produce(
                          SERVERS.kafka().bootstrapServers(),
                          TOPIC,
                          generator,
                          n -> {},
                          (AccessLine line) -> produced.add(line.line()),
                          3000))
              .get();
      for (FlumeAgent agent : agents) {
        AgentChecks.await(
            "drained: lag 0, sink buffers empty",
            Duration.ofMinutes(3),
            agent,
            () -> {
              Map<String, String> sink = agent.metrics().get("SINK.hdfs");
              return KafkaOffsets.lag(SERVERS.kafka(), GROUP, TOPIC) == 0
                  && "0".equals(agent.metrics().get("CHANNEL.ch").get("ChannelSize"))
                  && "0".equals(sink.get("Level1Bytes"))
                  && "0".equals(sink.get("Level2Bytes"))
                  && "0".equals(sink.get("InFlightBytes"));
            });
      }
      for (int i = 0; i < agents.size(); i++) {
        Map<String, String> sink = agents.get(i).metrics().get("SINK.hdfs");
        System.out.println("scale-out " + writers.get(i) + ": sink " + sink);
        assertTrue(
            Long.parseLong(sink.get("EventDrainSuccessCount")) > 0,
            "both agents got partitions: " + sink);
        assertEquals("0", sink.get("HdfsWriteFailures"), writers.get(i) + ": " + sink);
      }
    } finally {
      agents.forEach(FlumeAgent::stop);
    }

    for (int i = 0; i < agents.size(); i++) {
      String log = agentLog(agents.get(i));
      for (String trouble : LEASE_TROUBLE) {
        assertTrue(!log.contains(trouble), writers.get(i) + "'s log mentions " + trouble);
      }
    }
    Map<String, Integer> copies = AgentChecks.readFinished(SERVERS, ROOT);
    Map<String, Integer> filesPerWriter = new HashMap<>();
    Map<String, Map<Long, Long>> lastSequence = new HashMap<>();
    HdfsReadback.Report report =
        HdfsReadback.read(
            SERVERS.hdfs().fileSystem(),
            ROOT,
            (file, line) -> {
              synchronized (lastSequence) {
                long[] hostSeq = AccessLine.hostAndSequence(line);
                Long previous =
                    lastSequence
                        .computeIfAbsent(file, f -> new HashMap<>())
                        .put(hostSeq[0], hostSeq[1]);
                assertTrue(
                    previous == null || previous < hostSeq[1], "per-host order broken in " + file);
              }
            });
    for (HdfsReadback.FileReport file : report.files()) {
      Matcher m = WRITER.matcher(file.path());
      assertTrue(m.find(), "a file of ours: " + file.path());
      assertTrue(writers.contains(m.group(1)), "written by one of the two writers: " + file.path());
      filesPerWriter.merge(m.group(1), 1, Integer::sum);
    }
    long lost = produced.stream().filter(l -> !copies.containsKey(l)).count();
    long duplicates = copies.values().stream().mapToLong(n -> n - 1L).sum();
    System.out.printf(
        "scale-out: %d lines produced, %d files %s, lost %d, duplicated %d%n",
        loaded.lines(), report.files().size(), filesPerWriter, lost, duplicates);
    assertEquals(Set.copyOf(writers), filesPerWriter.keySet(), "both writers wrote files");
    assertEquals(0, lost, "every line present");
    assertEquals(loaded.lines(), produced.size());
  }

  /**
   * Two agents from one config on one host get the same default writer id ({@code
   * <hostname>-<sink>}): the second finds the id claimed by the first (another spool directory) and
   * takes nothing, saying why.
   */
  @Test
  void secondAgentWithTheSameDefaultWriterId_takesNothing_andSaysWhy() throws Exception {
    String topic = "scale-same-id";
    String root = "/logs/same-id";
    SERVERS.kafka().createTopic(topic, 1);
    AccessLogGenerator generator =
        new AccessLogGenerator(
            43, 100, 2, 1, AccessLogGenerator.hourStartHoursAgo(3), 1, ZoneOffset.UTC);
    KafkaLoader.produce(SERVERS.kafka().bootstrapServers(), topic, generator, n -> {});
    // Own consumer groups, so each agent is offered every line.
    FlumeAgent first =
        SERVERS
            .agent("storage-source-filechannel.properties", "same-id-1", topic, "same-id-1", root)
            .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs")
            .start();
    FlumeAgent second = null;
    try {
      first.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", 100, Duration.ofMinutes(1));
      second =
          SERVERS
              .agent("storage-source-filechannel.properties", "same-id-2", topic, "same-id-2", root)
              .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs")
              .start();
      second.awaitCounter("SINK.hdfs", "WriterIdConflict", 1, Duration.ofMinutes(1));
      FlumeAgent blocked = second;
      AgentChecks.await(
          "the second agent's source took the lines into its channel",
          Duration.ofMinutes(1),
          blocked,
          () -> blocked.counter("CHANNEL.ch", "ChannelSize") == 100);
      Map<String, String> sink = second.metrics().get("SINK.hdfs");
      assertEquals("0", sink.get("EventDrainSuccessCount"), sink.toString());
      assertEquals("0", sink.get("HdfsWrites"), sink.toString());
      String log = agentLog(second);
      assertTrue(
          log.contains("is claimed by another writer"),
          "the second agent says why it does not write");
      assertEquals("0", first.metrics().get("SINK.hdfs").get("WriterIdConflict"));
    } finally {
      first.stop();
      if (second != null) {
        second.stop();
      }
    }
  }

  private static FlumeAgent.Builder agent(String writer) {
    return SERVERS
        .agent("storage-source-filechannel.properties", writer, TOPIC, GROUP, ROOT)
        // Both agents run on this one host: the default writer id (<hostname>-<sink>) would be the
        // same.
        .override("a1.sinks.hdfs.writer.id", writer)
        .override("a1.sinks.hdfs.member.maxAge", "2s")
        .override("a1.sinks.hdfs.append.maxAge", "4s")
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog");
  }

  private static String agentLog(FlumeAgent agent) throws IOException {
    // The agent's stdout and its log4j files (flume.log and rolled ones) under <workDir>/logs.
    StringBuilder all = new StringBuilder(Files.readString(agent.process().logFile()));
    try (Stream<Path> files = Files.list(agent.workDir().resolve("logs"))) {
      for (Path file :
          files.filter(p -> p.getFileName().toString().startsWith("flume.log")).toList()) {
        all.append(Files.readString(file));
      }
    }
    assertTrue(
        all.indexOf("SINK.hdfs") >= 0 || all.indexOf("GzipHdfsSink") >= 0,
        "the log is the agent's: " + all.length());
    return all.toString();
  }
}
