package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.accesslog.flume.core.Clock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook notification against a real loopback receiver, and reads protected by the token. */
class WebhookTest {
  @TempDir Path storage;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private HttpServer receiver;
  private CollectorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private String startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private int post(Report report) throws Exception {
    String body = new ReportCodec().mapper().writeValueAsString(new ReportCodec().write(report));
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/report"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private JsonNode next() throws Exception {
    String got = received.poll(10, TimeUnit.SECONDS);
    assertTrue(got != null, "no notification within 10 s");
    assertTrue(got.startsWith("Bearer hook-secret "), got);
    return json.readTree(got.substring("Bearer hook-secret ".length()));
  }

  @Test
  void writerIdConflict_notifiedFiring_thenResolved() throws Exception {
    server =
        CollectorServer.start(
            CollectorSettings.fromArgs(
                "--port",
                "0",
                "--storage-dir",
                storage.toString(),
                "--token",
                "s3cret",
                "--webhook",
                startReceiver(),
                "--webhook-token",
                "hook-secret",
                "--alert-clear",
                "1"),
            Clock.ofMillis(now::get));
    assertEquals(
        204, post(Reports.typed("edge-1", 10_000, 1, Map.of("WriterIdConflict", "1"), now.get())));

    JsonNode firing = next();
    assertEquals("firing", firing.path("status").asText());
    JsonNode alert = firing.path("alerts").get(0);
    assertEquals("writer_id_conflict", alert.path("labels").path("alertname").asText());
    assertEquals("critical", alert.path("labels").path("severity").asText());
    assertEquals("edge-1", alert.path("labels").path("identity").asText());
    assertTrue(
        alert.path("annotations").path("summary").asText().contains("another agent holds"),
        alert.toString());

    now.addAndGet(1_000);
    assertEquals(
        204, post(Reports.typed("edge-1", 11_000, 2, Map.of("WriterIdConflict", "0"), now.get())));
    now.addAndGet(1_000);
    assertEquals(
        204, post(Reports.typed("edge-1", 12_000, 3, Map.of("WriterIdConflict", "0"), now.get())));
    JsonNode resolved = next();
    assertEquals("resolved", resolved.path("status").asText(), resolved.toString());
    assertEquals(
        "writer_id_conflict",
        resolved.path("alerts").get(0).path("labels").path("alertname").asText());
  }

  @Test
  void protectReads_getsNeedTheToken_healthzOpen() throws Exception {
    server =
        CollectorServer.start(
            CollectorSettings.fromArgs(
                "--port",
                "0",
                "--storage-dir",
                storage.toString(),
                "--token",
                "s3cret",
                "--protect-reads",
                "true"),
            Clock.ofMillis(now::get));
    for (String path : List.of("/", "/api/agents", "/metrics")) {
      HttpRequest.Builder get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
      assertEquals(
          401, http.send(get.build(), HttpResponse.BodyHandlers.discarding()).statusCode(), path);
      assertEquals(
          200,
          http.send(
                  get.header("Authorization", "Bearer s3cret").build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode(),
          path);
    }
    assertEquals(
        200,
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CollectorSettings.fromArgs("--protect-reads", "true"));
    assertTrue(e.getMessage().contains("--token"), e.getMessage());
  }
}
