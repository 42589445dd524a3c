package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's dashboard with 1,000 synthetic agents (a real collector JVM, reports over HTTP in
 * the reporter's format 2, three of them with a writer-id conflict), rendered by headless Chromium:
 * the page size and the browser's load time are printed, the page stays under 1 MB, the critical
 * agents come first, and a screenshot is kept ({@code
 * target/screenshots/collector-1000-agents.png}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CollectorDashboardScaleIT {
  private static final int AGENTS = 1000;
  private static final int REPORTS = 5;

  @TempDir Path work;

  @Test
  void thousandAgents_pageSmall_worstFirst_rendersInChromium() throws Exception {
    try (MetricsCollectorProcess collector =
        MetricsCollectorProcess.start(
            work.resolve("collector"), "--refresh", "60s", "--stale-intervals", "1000")) {
      HttpClient http =
          HttpClient.newBuilder()
              .executor(java.util.concurrent.Executors.newFixedThreadPool(4))
              .build();
      long started = System.nanoTime();
      long now = System.currentTimeMillis();
      for (int r = 0; r < REPORTS; r++) {
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(collector.reportUrl()))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          report(a, r, now - (REPORTS - r) * 10_000L)))
                  .build();
          sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
          if (sent.size() == 50) {
            for (CompletableFuture<HttpResponse<Void>> f : sent) {
              assertEquals(204, f.get().statusCode());
            }
            sent.clear();
          }
        }
        for (CompletableFuture<HttpResponse<Void>> f : sent) {
          assertEquals(204, f.get().statusCode());
        }
      }
      System.out.printf(
          "%,d reports from %,d agents posted in %d ms%n",
          AGENTS * REPORTS, AGENTS, (System.nanoTime() - started) / 1_000_000);

      long fetch = System.nanoTime();
      byte[] page = collector.get("/").getBytes(StandardCharsets.UTF_8);
      long serverMillis = (System.nanoTime() - fetch) / 1_000_000;
      Path screenshot =
          HarnessPaths.workDir()
              .getParent()
              .resolve("screenshots")
              .resolve("collector-1000-agents.png");
      try (HeadlessChromium browser = HeadlessChromium.start(work.resolve("browser"))) {
        long opened = System.nanoTime();
        browser.open(collector.baseUrl() + "/");
        long openMillis = (System.nanoTime() - opened) / 1_000_000;
        JsonNode info =
            browser.script(
                String.join(
                    "\n",
                    "const nav = performance.getEntriesByType('navigation')[0];",
                    "const rows = [...document.querySelectorAll('#fleet tr[data-status]')];",
                    "return {",
                    "  summary: document.querySelector('#summary').textContent,",
                    "  rows: rows.length,",
                    "  first: rows.slice(0, 3).map(r => r.dataset.status + ' ' + r.querySelector('.identity').textContent),",
                    "  sections: document.querySelectorAll('section.agent').length,",
                    "  loadMillis: nav ? Math.round(nav.loadEventEnd - nav.startTime) : -1,",
                    "  transferBytes: nav ? nav.transferSize : -1",
                    "};"));
        browser.screenshot(screenshot);
        System.out.printf(
            "dashboard of %,d agents: page %,d bytes (server answered in %d ms); Chromium load %d ms "
                + "(navigation timing), open() returned after %d ms; %s%n",
            AGENTS, page.length, serverMillis, info.path("loadMillis").asLong(), openMillis, info);
        assertEquals(AGENTS, info.path("rows").asInt());
        assertTrue(
            info.path("summary").asText().startsWith("1000 agents: 997 OK, 0 WARNING, 3 CRITICAL"),
            info.toString());
        for (JsonNode first : info.path("first")) {
          assertTrue(
              first.asText().startsWith("CRITICAL "),
              "critical agents first: " + info.path("first"));
        }
        assertTrue(page.length < 1_000_000, "page of " + page.length + " bytes");
        assertTrue(
            info.path("loadMillis").asLong() < 10_000,
            "loaded in " + info.path("loadMillis") + " ms");
      }
      assertTrue(Files.size(screenshot) > 1000, "screenshot at " + screenshot);
    }
  }

  /** Format 2: typed; agents 100, 400 and 700 have a writer-id conflict. */
  private static String report(int agent, int count, long reportTime) {
    long events = 1_000L * (count + 1) * (agent % 7 + 1);
    String conflict = agent % 300 == 100 ? "1" : "0";
    return "{\"version\":2,\"identity\":\"edge-"
        + agent
        + "/a1\",\"host\":\"edge-"
        + agent
        + "\",\"agent\":\"a1\","
        + "\"startTime\":1,\"reportTime\":"
        + reportTime
        + ",\"reportCount\":"
        + (count + 1)
        + ",\"intervalMillis\":10000,"
        + "\"jvm\":{\"heapUsed\":104857600,\"heapMax\":1073741824,\"gcCount\":3,\"gcTimeMillis\":40,\"uptimeMillis\":50000},"
        + "\"metrics\":{\"SOURCE.kafka\":{\"EventAcceptedCount\":\""
        + events
        + "\",\"KafkaLagTotal\":\""
        + agent
        + "\"},"
        + "\"CHANNEL.ch\":{\"ChannelFillPercentage\":\""
        + (agent % 100)
        + ".0\",\"EventPutSuccessCount\":\""
        + events
        + "\",\"EventTakeSuccessCount\":\""
        + events
        + "\"},"
        + "\"SINK.hdfs\":{\"EventDrainSuccessCount\":\""
        + events
        + "\",\"SpoolBytes\":\""
        + agent * 1000
        + "\","
        + "\"OldestUnflushedAgeMillis\":\"30000\",\"WriterIdConflict\":\""
        + conflict
        + "\"}},"
        + "\"types\":{\"SOURCE.kafka\":{\"EventAcceptedCount\":\"counter:1\",\"KafkaLagTotal\":\"gauge:1\"},"
        + "\"CHANNEL.ch\":{\"ChannelFillPercentage\":\"gauge:percent\",\"EventPutSuccessCount\":\"counter:1\","
        + "\"EventTakeSuccessCount\":\"counter:1\"},\"SINK.hdfs\":{\"EventDrainSuccessCount\":\"counter:1\","
        + "\"SpoolBytes\":\"gauge:bytes\",\"OldestUnflushedAgeMillis\":\"gauge:ms\",\"WriterIdConflict\":\"gauge:1\"}}}";
  }
}
