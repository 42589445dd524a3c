package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accesslog.flume.core.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's HTTP contract against a real loopback server, with a fake clock. */
class CollectorServerTest {
  @TempDir Path storage;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final HttpClient http = HttpClient.newHttpClient();
  private CollectorServer server;

  private CollectorServer start() throws IOException {
    server =
        CollectorServer.start(
            CollectorSettings.fromArgs(
                "--port",
                "0",
                "--storage-dir",
                storage.toString(),
                "--token",
                "s3cret",
                "--max-body",
                "4096",
                "--window",
                "1m"),
            Clock.ofMillis(now::get));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> post(String body, String token, String type) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/report"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", type);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void report_validation_clear4xx() throws Exception {
    start();
    String good = Reports.json("edge", 10_000, 1, 10, 10, "");
    assertEquals(401, post(good, null, "application/json").statusCode());
    assertEquals(401, post(good, "wrong", "application/json").statusCode());
    assertEquals(415, post(good, "s3cret", "text/plain").statusCode());
    HttpResponse<String> notJson = post("{nope", "s3cret", "application/json");
    assertEquals(400, notJson.statusCode());
    assertTrue(notJson.body().contains("not JSON"), notJson.body());
    HttpResponse<String> noMetrics =
        post(
            "{\"identity\":\"x\",\"host\":\"h\",\"agent\":\"a\",\"startTime\":1,"
                + "\"reportTime\":1,\"reportCount\":1,\"intervalMillis\":1000}",
            "s3cret",
            "application/json");
    assertEquals(400, noMetrics.statusCode());
    assertTrue(noMetrics.body().contains("'metrics' must be an object"), noMetrics.body());
    assertEquals(
        413,
        post(
                Reports.json("x".repeat(100), 1, 1, 1, 1, ",\"Pad\":\"" + "p".repeat(5000) + "\""),
                "s3cret",
                "application/json")
            .statusCode());
    assertEquals(405, get("/report").statusCode());
    assertEquals(204, post(good, "s3cret", "application/json; charset=utf-8").statusCode());
    assertEquals(200, post(good, "s3cret", "application/json").statusCode(), "duplicate");
    assertEquals(404, get("/nothing").statusCode());
  }

  @Test
  void restart_sameStorageDir_keepsWindow() throws Exception {
    start();
    assertEquals(
        204,
        post(Reports.json("edge", 10_000, 1, 10, 10, ""), "s3cret", "application/json")
            .statusCode());
    now.addAndGet(1_000);
    assertEquals(
        204,
        post(Reports.json("edge", 11_000, 2, 30, 20, ""), "s3cret", "application/json")
            .statusCode());
    server.close();

    start();
    JsonNode agents = new ObjectMapper().readTree(get("/api/agents").body()).path("agents");
    assertEquals(1, agents.size(), agents.toString());
    assertEquals(2, agents.get(0).path("reportsInWindow").asInt(), agents.toString());
    assertEquals(
        20.0,
        agents.get(0).path("components").path("SOURCE.kafka").path("eventsInPerSecond").asDouble());
    assertEquals("OK", agents.get(0).path("status").asText());
    // Past the window the history is gone.
    now.addAndGet(61_000);
    assertEquals(0, new ObjectMapper().readTree(get("/api/agents").body()).path("agents").size());
  }

  @Test
  void pages_served_withNoScriptPolicy() throws Exception {
    start();
    post(Reports.json("edge", 10_000, 1, 10, 10, ""), "s3cret", "application/json");
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("default-src 'none'"));
    assertTrue(page.body().contains("<span class=\"status OK\">OK</span>"), page.body());
    HttpResponse<String> metrics = get("/metrics");
    assertTrue(
        metrics
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/plain; version=0.0.4"));
    assertTrue(metrics.body().contains("flume_agent_up{identity=\"edge\""), metrics.body());
  }

  @Test
  void settings_badOption_namesOptionValueAllowed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CollectorSettings.fromArgs("--window", "10x"));
    assertEquals(
        "--window '10x' is not allowed: expected 1m to 7d (<n>ms|s|m|h|d)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CollectorSettings.fromArgs("--nope", "1"));
    assertThrows(
        IllegalArgumentException.class, () -> CollectorSettings.fromArgs("--port", "70000"));
    assertEquals(9099, CollectorSettings.fromArgs().port());
  }
}
