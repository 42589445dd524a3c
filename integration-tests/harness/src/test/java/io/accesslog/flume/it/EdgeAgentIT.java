package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped {@code flume-conf/edge-agent.properties} in a real agent JVM: nginx log files tailed
 * into a real Kafka broker, one record per line, keyed by this machine's hostname, in file order;
 * after a an hourly file change (dated file names, as the config recommends) and an agent restart,
 * every line is in Kafka exactly once (TAILDIR persists positions per inode and path).
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class EdgeAgentIT {
  @RegisterExtension static final RealServers SERVERS = new RealServers("edge-agent");

  @Test
  void edgeAgent_tailedLines_reachKafkaOnceInOrderKeyedByHostname() throws Exception {
    String topic = "edge";
    SERVERS.kafka().createTopic(topic, 4);
    Path logs = Files.createDirectories(SERVERS.work().resolve("nginx"));
    List<String> lines = generate(3500);
    List<String> firstHour = lines.subList(0, 2000);
    List<String> secondHour = lines.subList(2000, 3000);
    List<String> afterRestart = lines.subList(3000, 3500);
    append(logs.resolve("access-2026112207.log"), firstHour);

    FlumeAgent.Builder builder =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(HarnessPaths.confExamples().resolve("edge-agent.properties"))
            .workDir(SERVERS.work().resolve("agent"))
            .env(SERVERS.kafka().env())
            .env("KAFKA_TOPIC", topic)
            .env("NGINX_LOG_DIR", logs.toString())
            .env("FLUME_DATA_DIR", SERVERS.work().resolve("agent-data").toString())
            .expect("SOURCE.tail", "CHANNEL.ch");
    FlumeAgent agent = builder.start();
    try {
      agent.awaitCounter(
          "SOURCE.tail", "EventAcceptedCount", firstHour.size(), Duration.ofMinutes(2));
      // The next hour: nginx (access_log with a dated name) starts a new file; the old one is never
      // renamed.
      append(logs.resolve("access-2026112208.log"), secondHour);
      agent.awaitCounter("SOURCE.tail", "EventAcceptedCount", 3000, Duration.ofMinutes(2));
    } finally {
      agent.stop();
    }
    // Restart: the persisted positions say where each file was; only the new lines are sent.
    append(logs.resolve("access-2026112208.log"), afterRestart);
    FlumeAgent restarted = builder.start();
    try {
      restarted.awaitCounter(
          "SOURCE.tail", "EventAcceptedCount", afterRestart.size(), Duration.ofMinutes(2));
    } finally {
      restarted.stop();
    }

    List<TopicReader.Record> records =
        TopicReader.readAll(
            SERVERS.kafka().bootstrapServers(), topic, lines.size() + 1, Duration.ofSeconds(20));
    Map<String, Long> copies =
        records.stream()
            .collect(Collectors.groupingBy(TopicReader.Record::value, Collectors.counting()));
    List<Integer> repeated = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (copies.getOrDefault(lines.get(i), 0L) != 1L) {
        repeated.add(i);
      }
    }
    assertEquals(
        List.of(),
        repeated.size() > 10
            ? List.of(repeated.get(0), repeated.get(repeated.size() - 1), repeated.size())
            : repeated,
        "line indexes not in Kafka exactly once (first, last, count); read "
            + records.size()
            + " records, first: "
            + (records.isEmpty() ? "-" : records.get(0))
            + " expected first: "
            + lines.get(0));
    assertEquals(
        lines.size(),
        records.size(),
        "every tailed line exactly once, none repeated after the restart");
    String hostname = InetAddress.getLocalHost().getCanonicalHostName();
    Set<String> keys = records.stream().map(TopicReader.Record::key).collect(Collectors.toSet());
    assertEquals(Set.of(hostname), keys, "record key = the edge server's hostname");
    Set<Integer> partitions =
        records.stream().map(TopicReader.Record::partition).collect(Collectors.toSet());
    assertEquals(1, partitions.size(), "one key, one partition: the server's lines stay in order");
    List<String> values =
        records.stream()
            .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
            .map(TopicReader.Record::value)
            .toList();
    assertEquals(lines, values, "Kafka holds the lines in file order, raw (no Avro envelope)");
  }

  /** Lines of one web server (the edge agent runs on it). */
  private static List<String> generate(int count) {
    AccessLogGenerator generator =
        new AccessLogGenerator(
            7, count, 1, 3, AccessLogGenerator.hourStartHoursAgo(1), 1, ZoneOffset.UTC);
    List<String> lines = new ArrayList<>(count);
    while (generator.hasNext()) {
      lines.add(generator.next().line());
    }
    return lines;
  }

  private static void append(Path file, List<String> lines) throws IOException {
    Files.write(
        file,
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
