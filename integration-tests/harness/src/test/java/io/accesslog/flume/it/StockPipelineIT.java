package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the harness end to end with stock components only: real Kafka broker JVM, real HDFS, a
 * real Flume agent JVM (stock lib/ plus our plugins.d from the tarball) running the harness's
 * {@code stock-file} pipeline: KafkaSource -> FileChannel -> HDFSEventSink gzip.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class StockPipelineIT {
  private static final int LINES = 20_000;
  private static final int HOSTS = 8;

  @RegisterExtension static final RealServers SERVERS = new RealServers("stock-pipeline");

  @Test
  void stockPipeline_linesFromKafka_eachLandsInHdfsExactlyOnce() {
    String topic = "access-stock";
    SERVERS.kafka().createTopic(topic, 4);
    List<String> produced = new ArrayList<>(LINES);
    AccessLogGenerator generator =
        new AccessLogGenerator(
            42, LINES, HOSTS, 20, AccessLogGenerator.hourStartHoursAgo(3), 2, ZoneOffset.UTC);
    KafkaLoader.Loaded loaded =
        KafkaLoader.produce(
            SERVERS.kafka().bootstrapServers(),
            topic,
            generator,
            n -> {},
            line -> produced.add(line.line()));
    assertEquals(LINES, loaded.lines());

    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(
                Pipeline.named("stock-file", SERVERS.work().resolve("pipelines")).configFile())
            .workDir(SERVERS.work().resolve("agent"))
            .env(SERVERS.kafka().env())
            .env(SERVERS.hdfs().env())
            .hadoopSite(SERVERS.hdfs().clientSite())
            .env("KAFKA_TOPIC", topic)
            .env("KAFKA_GROUP_ID", "stock-it")
            .env("HDFS_ROOT", "/logs/stock")
            .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs")
            .start();
    try {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", LINES, Duration.ofMinutes(5));
      assertEquals(LINES, agent.counter("SOURCE.kafka", "EventAcceptedCount"));
    } finally {
      agent.stop();
    }
    assertFalse(agent.process().isAlive(), "agent stopped on SIGTERM");

    List<String> readBack = Collections.synchronizedList(new ArrayList<>(LINES));
    HdfsReadback.Report report =
        HdfsReadback.read(
            SERVERS.hdfs().fileSystem(), "/logs/stock", (file, line) -> readBack.add(line));
    assertEquals(
        List.of(), report.inProgressFiles(), "a graceful stop closes and renames every file");
    assertTrue(
        report.digest().sameLinesAs(loaded.digest()),
        report.digest() + " vs produced " + loaded.digest());
    Collections.sort(produced);
    Collections.sort(readBack);
    assertEquals(produced, readBack, "every produced line read back exactly once");

    // Layout /logs/stock/<key = host>/<yyyyMMdd>/<HH>: lines per host match what was produced per
    // key.
    Map<String, Long> perHost = new TreeMap<>();
    report.linesPerDirectory().forEach((dir, n) -> perHost.merge(dir.split("/")[3], n, Long::sum));
    assertEquals(loaded.linesPerHost(), perHost);
    assertTrue(
        report.compressedBytes() < loaded.digest().bytes() / 2,
        "gzip output ("
            + report.compressedBytes()
            + " B) smaller than half the input ("
            + loaded.digest().bytes()
            + " B)");
  }

  @Test
  void flumeHome_pluginsDirectory_holdsEachPluginJarInItsOwnLib() {
    FlumeAgent.FlumeHome home = HarnessPaths.flumeHome();
    List<String> plugins = home.plugins().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(
        List.of(
            "flume-accesslog-interceptor",
            "flume-accesslog-source",
            "flume-gzip-hdfs-sink",
            "flume-metrics-reporter"),
        plugins);
    for (Path plugin : home.plugins()) {
      String name = plugin.getFileName().toString();
      List<String> jars = PluginLayout.jars(plugin.resolve("lib"));
      assertEquals(1, jars.size(), name + "/lib holds exactly our jar: " + jars);
      assertTrue(jars.get(0).startsWith(name + "-"), jars.get(0));
      for (String ext : PluginLayout.jars(plugin.resolve("libext"))) {
        assertFalse(
            ext.startsWith("flume-"),
            name + "/libext must not ship Flume's or our own jars: " + ext);
      }
    }
    assertTrue(
        PluginLayout.jars(home.root().resolve("lib")).stream()
            .noneMatch(j -> j.startsWith("flume-gzip")),
        "our jars are only in plugins.d, never in the stock lib/");
  }
}
