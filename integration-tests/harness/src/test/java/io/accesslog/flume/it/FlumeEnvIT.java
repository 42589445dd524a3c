package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped {@code flume-conf/flume-env.sh} is sourced by bash as {@code bin/flume-ng} does; the
 * JVM flags and exported values it produces start a real storage agent, which drains into HDFS and
 * pushes its counters to a real collector named by {@code ACCESSLOG_COLLECTOR_URL}. flume-env.sh is
 * sourced with the run's {@code JAVA_HOME}, picks its GC log flags, creates its missing log
 * directory, and the agent runs end to end (Kafka -> our source -> FileChannel -> interceptor ->
 * gzip HDFS sink): on Flume 1.11.0, on a Flume 1.10.1 install laid out the same way ({@code
 * integration-tests/flume-home-1.10}), and on Temurin 25 (when installed).
 *
 * <p>On JDK 23+ the Hadoop 3.3.6 client cannot log in ({@code UserGroupInformation} calls {@code
 * Subject.getSubject}, which throws "getSubject is not supported" there; HADOOP-19212), so no HDFS
 * sink, stock or ours, starts with it. The Temurin 25 run therefore replaces the install's Hadoop
 * client jars with Hadoop 3.5.0's, as a host whose {@code hadoop classpath} is 3.5 would.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class FlumeEnvIT {
  private static final int LINES = 3000;

  @RegisterExtension static final RealServers SERVERS = new RealServers("flume-env");

  static Stream<Arguments> agentRuns() {
    Path javaHome = FlumeAgent.defaultJavaHome();
    List<Arguments> runs =
        new ArrayList<>(
            List.of(
                Arguments.of("flume-1.11", javaHome, HarnessPaths.flumeHome()),
                Arguments.of("flume-1.10", javaHome, HarnessPaths.flumeHome110())));
    if (Files.isExecutable(FlumeEnvTest.TEMURIN_25.resolve("bin/java"))) {
      // JDK 25 needs a Hadoop client without Subject.getSubject (HADOOP-19212): 3.5.0 here.
      runs.add(
          Arguments.of(
              "temurin25-hadoop3.5",
              FlumeEnvTest.TEMURIN_25,
              HarnessPaths.flumeHome()
                  .withHadoopClient(
                      HarnessPaths.hadoopJdk25Client(),
                      HarnessPaths.workDir().resolve("flume-home-hadoop35-" + System.nanoTime()))));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agentRuns")
  void flumeEnv_sourcedByBash_agentRunsWithItsHeapMonitoringAndEnvironment(
      String label, Path javaHome, FlumeAgent.FlumeHome flumeHome) throws Exception {
    String topic = "env-access-" + label;
    SERVERS.kafka().createTopic(topic, 2);
    KafkaLoader.produce(
        SERVERS.kafka().bootstrapServers(),
        topic,
        new AccessLogGenerator(
            11, LINES, 4, 3, AccessLogGenerator.hourStartHoursAgo(2), 1, ZoneOffset.UTC),
        n -> {});
    try (MetricsCollectorProcess collector =
        MetricsCollectorProcess.start(
            SERVERS.work().resolve("collector"), "--snapshot-every", "1s")) {
      Map<String, String> given = new LinkedHashMap<>(SERVERS.kafka().env());
      given.putAll(SERVERS.hdfs().env());
      given.put("KAFKA_TOPIC", topic);
      given.put("KAFKA_GROUP_ID", "flume-env-it-" + label);
      given.put("HDFS_ROOT", "/logs/flume-env-" + label);
      given.put("FLUME_HEAP", "384m");
      Path logDir = SERVERS.work().resolve("agent-logs-" + label).resolve("not-yet-there");
      given.put("FLUME_LOG_DIR", logDir.toString()); // flume-env.sh creates it
      given.put("FLUME_DATA_DIR", SERVERS.work().resolve("agent-data-" + label).toString());
      given.put("JAVA_HOME", javaHome.toString());
      given.put("ACCESSLOG_COLLECTOR_URL", collector.reportUrl());
      given.put("ACCESSLOG_REPORT_INTERVAL", "1s");
      Sourced env = source(HarnessPaths.confExamples().resolve("flume-env.sh"), given);

      assertTrue(env.javaOpts().contains("-Xmx384m"), "heap from FLUME_HEAP: " + env.javaOpts());
      Map<String, String> monitoring = new LinkedHashMap<>();
      List<String> otherFlags = new ArrayList<>();
      String heap = null;
      for (String flag : env.javaOpts()) {
        if (flag.startsWith("-Dflume.monitoring.")) {
          String kv = flag.substring("-Dflume.monitoring.".length());
          monitoring.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        } else if (flag.startsWith("-Xmx")) {
          heap = flag.substring(4);
        } else {
          otherFlags.add(flag);
        }
      }
      String type = monitoring.remove("type");
      assertEquals(
          "io.accesslog.flume.metrics.PushReporter",
          type,
          "flume-env.sh enables the push reporter");
      assertEquals(collector.reportUrl(), monitoring.get("url"));

      FlumeAgent.Builder builder =
          FlumeAgent.builder(flumeHome)
              .configFile(
                  HarnessPaths.confExamples().resolve("storage-source-filechannel.properties"))
              .workDir(SERVERS.work().resolve("agent-" + label))
              .javaHome(javaHome)
              .heap(heap)
              .env(env.exported())
              .hadoopSite(SERVERS.hdfs().clientSite())
              .monitoring(type, monitoring)
              .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs");
      otherFlags.forEach(builder::jvmArg);
      FlumeAgent agent = builder.start();
      try {
        agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", LINES, Duration.ofMinutes(3));
        JsonNode seen = awaitReported(collector, LINES);
        assertEquals(
            LINES,
            seen.path("latest")
                .path("metrics")
                .path("SINK.hdfs")
                .path("EventDrainSuccessCount")
                .asLong(),
            "the collector shows the agent's sink counter");
      } finally {
        agent.stop();
      }
      assertTrue(
          Files.list(logDir).anyMatch(p -> p.getFileName().toString().startsWith("gc-")),
          "GC log written where flume-env.sh says");
      assertEquals(
          LINES,
          HdfsReadback.read(SERVERS.hdfs().fileSystem(), "/logs/flume-env-" + label).lines(),
          "the agent wrote under the HDFS_ROOT flume-env.sh exported");
    }
  }

  /**
   * What {@code source flume-env.sh} leaves: JAVA_OPTS split into flags, and the exported
   * variables.
   */
  record Sourced(List<String> javaOpts, Map<String, String> exported) {}

  static Sourced source(Path script, Map<String, String> given)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash",
            "-c",
            "set -eu; . \"$0\"; for f in $JAVA_OPTS; do echo \"opt $f\"; done; env | sed 's/^/env /'",
            script.toString());
    pb.environment().putAll(given);
    pb.redirectErrorStream(true);
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "sourcing flume-env.sh failed:\n" + out);
    List<String> opts = new ArrayList<>();
    Map<String, String> exported = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("opt ")) {
        opts.add(line.substring(4));
      } else if (line.startsWith("env ") && line.indexOf('=') > 4) {
        String kv = line.substring(4);
        String name = kv.substring(0, kv.indexOf('='));
        if (name.matches("KAFKA_.*|HDFS_.*|FLUME_DATA_DIR|NGINX_LOG_DIR")) {
          exported.put(name, kv.substring(kv.indexOf('=') + 1));
        }
      }
    }
    return new Sourced(opts, exported);
  }

  private static JsonNode awaitReported(MetricsCollectorProcess collector, long drained) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      JsonNode agents = collector.agents();
      for (JsonNode agent : agents.isArray() ? agents : agents.path("agents")) {
        last = agent;
        if (agent
                .path("latest")
                .path("metrics")
                .path("SINK.hdfs")
                .path("EventDrainSuccessCount")
                .asLong()
            >= drained) {
          return agent;
        }
      }
      KafkaBroker.sleepQuietly(250);
    }
    throw new AssertionError(
        "the collector never showed "
            + drained
            + " drained events; last: "
            + last
            + "\ncollector log:\n"
            + collector.logTail(20));
  }
}
