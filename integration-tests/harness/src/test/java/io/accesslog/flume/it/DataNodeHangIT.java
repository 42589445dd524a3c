package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * hdfs.callTimeout against a real hung DataNode: the only DataNode runs in a JVM of its own and is
 * frozen with SIGSTOP (its sockets stay open, nothing answers: what a DataNode in a long GC pause
 * or on a dead disk looks like) for several call timeouts while lines flow, then resumed with
 * SIGCONT. The writes time out and are counted, retried, nothing is lost or written twice, and
 * afterwards no call is stuck and no HDFS output stream is left open in the agent (its thread dump
 * holds no DataStreamer thread and no write waiting for acks).
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class DataNodeHangIT {
  private static final int HANG_SECONDS = Integer.getInteger("hang.seconds", 9);

  @RegisterExtension static final RealServers SERVERS = new RealServers("dnhang", 1);

  @Test
  void dataNodeFrozenUnderLoad_writesTimeOutAndRetry_nothingLost_noThreadStuck() throws Exception {
    String name = "dnhang-it";
    String topic = "dnhang";
    String root = "/logs/dnhang";
    SERVERS.kafka().createTopic(topic, 2);
    int rate = 2000;
    AccessLogGenerator generator =
        new AccessLogGenerator(
            21,
            (long) rate * (HANG_SECONDS + 6),
            6,
            3,
            AccessLogGenerator.hourStartHoursAgo(0),
            1,
            ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    FlumeAgent agent =
        AgentChecks.quickSink(
                SERVERS.agent("storage-source-filechannel.properties", name, topic, name, root),
                name)
            .override("a1.sinks.hdfs.hdfs.callTimeout", "3s")
            .override("a1.sinks.hdfs.hdfs.recoveryTimeout", "3s")
            .override("a1.sinks.hdfs.append.maxAge", "1s")
            .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs")
            .start();
    JavaProcess dataNode = SERVERS.dataNode(0).process();
    Map<String, String> afterHang;
    try {
      CompletableFuture<KafkaLoader.Loaded> loading =
          CompletableFuture.supplyAsync(
              () ->
                  KafkaLoader.produce(
                      SERVERS.kafka().bootstrapServers(),
                      topic,
                      generator,
                      n -> {},
                      (AccessLine l) -> produced.add(l.line()),
                      rate));
      agent.awaitCounter("SINK.hdfs", "HdfsWrites", 3, Duration.ofSeconds(60));
      long writesBefore = agent.counter("SINK.hdfs", "HdfsWrites");
      dataNode.signal("STOP");
      try {
        AgentChecks.await(
            "an HDFS call timed out",
            Duration.ofSeconds(HANG_SECONDS + 20),
            agent,
            () -> agent.counter("SINK.hdfs", "HdfsCallTimeouts") > 0);
        KafkaBroker.sleepQuietly(HANG_SECONDS * 1000L);
      } finally {
        dataNode.signal("CONT");
      }
      afterHang = agent.metrics().get("SINK.hdfs");
      loading.get();
      AgentChecks.await(
          "drained after the DataNode resumed",
          Duration.ofMinutes(3),
          agent,
          () -> {
            Map<String, String> sink = agent.metrics().get("SINK.hdfs");
            return KafkaOffsets.lag(SERVERS.kafka(), name, topic) == 0
                && "0".equals(agent.metrics().get("CHANNEL.ch").get("ChannelSize"))
                && "0".equals(sink.get("Level1Bytes"))
                && "0".equals(sink.get("Level2Bytes"))
                && "0".equals(sink.get("InFlightBytes"))
                && "0".equals(sink.get("HdfsCallsStuck"));
          });
      Map<String, String> sink = agent.metrics().get("SINK.hdfs");
      String dump = agent.process().threadDump();
      System.out.printf(
          "DataNode frozen %d s under %d lines/s: HdfsCallTimeouts %s, HdfsWriteFailures %s, "
              + "HdfsWrites %d before the hang, %s at the end; stuck after resume %s%n",
          HANG_SECONDS,
          rate,
          afterHang.get("HdfsCallTimeouts"),
          afterHang.get("HdfsWriteFailures"),
          writesBefore,
          sink.get("HdfsWrites"),
          sink.get("HdfsCallsStuck"));
      assertTrue(Long.parseLong(afterHang.get("HdfsCallTimeouts")) > 0, afterHang.toString());
      assertTrue(
          Long.parseLong(afterHang.get("HdfsWriteFailures")) > 0,
          "the timed-out writes count as failed: " + afterHang);
      assertTrue(
          Long.parseLong(sink.get("HdfsWrites")) > writesBefore, "writes went on after the resume");
      assertEquals("0", sink.get("HdfsCallsStuck"), "no call stuck after the DataNode resumed");
      assertEquals(
          List.of(),
          threadsMatching(dump, "\"DataStreamer for file"),
          "no HDFS output stream left open");
      assertEquals(
          List.of(),
          threadsMatching(dump, "waitForAckedSeqno"),
          "no write waits for DataNode acks");
    } finally {
      agent.stop();
    }
    Map<String, Integer> copies = AgentChecks.readFinished(SERVERS, root);
    assertEquals(0, produced.stream().filter(l -> !copies.containsKey(l)).count(), "nothing lost");
    assertEquals(
        produced.size(),
        copies.values().stream().mapToLong(Integer::longValue).sum(),
        "no line twice");
  }

  /** Thread names (or frames) of the dump's threads whose block contains {@code marker}. */
  private static List<String> threadsMatching(String dump, String marker) {
    Matcher threads =
        Pattern.compile("(?m)^\"[^\"]*\".*?(?=^\"|\\z)", Pattern.DOTALL).matcher(dump);
    List<String> found = new java.util.ArrayList<>();
    while (threads.find()) {
      String block = threads.group();
      if (block.contains(marker)) {
        found.add(
            block.substring(0, block.indexOf('\n') < 0 ? block.length() : block.indexOf('\n')));
      }
    }
    return found;
  }
}
