package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus}) scrapes a real collector with the shipped scrape
 * settings and evaluates the shipped {@code flume-alerts.yml}: an agent whose sink reports a
 * writer-id conflict fires {@code FlumeWriterIdConflict} (critical) for that agent only. Synthetic
 * reports (format 2) stand in for agents; {@link MetricsPushIT} covers real agents.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PrometheusRulesIT {
  @TempDir Path work;

  @Test
  void realPrometheus_scrapesCollector_shippedRuleFiresForConflictOnly() throws Exception {
    Path prometheus = DebianTools.require("prometheus", "prometheus");
    Path rules =
        MonitoringRulesIT.monitoringDir().resolve("prometheus/flume-alerts.yml").toAbsolutePath();
    HttpClient http = HttpClient.newHttpClient();
    AtomicLong count = new AtomicLong();
    try (MetricsCollectorProcess collector =
        MetricsCollectorProcess.start(work.resolve("collector"))) {
      ScheduledExecutorService agents = Executors.newSingleThreadScheduledExecutor();
      agents.scheduleAtFixedRate(
          () -> {
            long n = count.incrementAndGet();
            for (String identity : List.of("edge-ok", "edge-conflict")) {
              try {
                http.send(
                    HttpRequest.newBuilder(URI.create(collector.reportUrl()))
                        .header("Content-Type", "application/json")
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                report(identity, n, identity.equals("edge-conflict"))))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
              } catch (Exception e) {
                System.out.println("report failed: " + e);
              }
            }
          },
          0,
          1,
          TimeUnit.SECONDS);
      int port = Ports.freeLoopbackPort();
      Path config = work.resolve("prometheus.yml");
      Files.writeString(
          config,
          String.join(
              "\n",
              "global: {scrape_interval: 1s, evaluation_interval: 1s}",
              "rule_files: ['" + rules + "']",
              "scrape_configs:",
              "  - job_name: flume-collector",
              "    honor_labels: true",
              "    static_configs: [{targets: ['127.0.0.1:" + collector.port() + "']}]",
              ""));
      Process server =
          new ProcessBuilder(
                  prometheus.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + work.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("prometheus.log").toFile())
              .redirectInput(new File("/dev/null"))
              .start();
      try {
        long started = System.nanoTime();
        JsonNode firing = null;
        while (firing == null) {
          assertTrue(
              server.isAlive(),
              "prometheus exited: " + Files.readString(work.resolve("prometheus.log")));
          assertTrue(
              System.nanoTime() - started < Duration.ofSeconds(90).toNanos(),
              "FlumeWriterIdConflict not firing within 90 s; prometheus log:\n"
                  + Files.readString(work.resolve("prometheus.log")));
          try {
            for (JsonNode alert :
                Http.getJson("http://127.0.0.1:" + port + "/api/v1/alerts")
                    .path("data")
                    .path("alerts")) {
              if (alert.path("labels").path("alertname").asText().equals("FlumeWriterIdConflict")
                  && alert.path("state").asText().equals("firing")) {
                firing = alert;
              }
            }
          } catch (java.io.IOException notYet) {
            // Prometheus still starting
          }
          KafkaBroker.sleepQuietly(500);
        }
        System.out.printf(
            "Prometheus fired FlumeWriterIdConflict %d ms after its start: %s%n",
            (System.nanoTime() - started) / 1_000_000, firing);
        assertEquals("edge-conflict", firing.path("labels").path("identity").asText());
        assertEquals("critical", firing.path("labels").path("severity").asText());
        assertEquals("hdfs", firing.path("labels").path("component").asText());
        for (JsonNode alert :
            Http.getJson("http://127.0.0.1:" + port + "/api/v1/alerts")
                .path("data")
                .path("alerts")) {
          assertEquals(
              "edge-conflict",
              alert.path("labels").path("identity").asText(),
              "nothing for edge-ok: " + alert);
        }
      } finally {
        agents.shutdownNow();
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  private static String report(String identity, long count, boolean conflict) {
    long now = System.currentTimeMillis();
    return "{\"version\":2,\"identity\":\""
        + identity
        + "\",\"host\":\"h\",\"agent\":\"a1\",\"startTime\":1,"
        + "\"reportTime\":"
        + now
        + ",\"reportCount\":"
        + count
        + ",\"intervalMillis\":1000,\"jvm\":{\"heapUsed\":1},"
        + "\"metrics\":{\"CHANNEL.ch\":{\"ChannelFillPercentage\":\"99.0\",\"EventTakeSuccessCount\":\""
        + count * 1000
        + "\"},"
        + "\"SINK.hdfs\":{\"EventDrainSuccessCount\":\""
        + count * 1000
        + "\",\"WriterIdConflict\":\""
        + (conflict ? 1 : 0)
        + "\"}},"
        + "\"types\":{\"CHANNEL.ch\":{\"ChannelFillPercentage\":\"gauge:percent\",\"EventTakeSuccessCount\":\"counter:1\"},"
        + "\"SINK.hdfs\":{\"EventDrainSuccessCount\":\"counter:1\",\"WriterIdConflict\":\"gauge:1\"}}}";
  }
}
