package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.SinkCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter against a real loopback HTTP endpoint (the JDK's server), with a real Flume counter
 * registered.
 */
class PushReporterTest {
  private HttpServer server;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();

  @BeforeEach
  void startEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/report",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "" : auth);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopEndpoint() {
    server.stop(0);
  }

  private PushReporter reporter(String identity) {
    Map<String, String> keys = new HashMap<>();
    keys.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/report");
    keys.put("interval", "1s");
    keys.put("identity", identity);
    keys.put("token", "s3cret");
    PushReporter reporter = new PushReporter();
    reporter.configure(new Context(keys));
    return reporter;
  }

  @Test
  void start_reportsFlumeComponentsAndJvm_stopTwiceThenRestartContinuesCount() throws Exception {
    SinkCounter sink = new SinkCounter("k1");
    sink.start();
    sink.addToEventDrainSuccessCount(42);
    PushReporter reporter = reporter("edge <1>");
    reporter.start();
    JsonObject first = JsonParser.parseString(next()).getAsJsonObject();
    reporter.stop();
    reporter.stop();

    assertEquals("edge <1>", first.get("identity").getAsString());
    assertEquals(1, first.get("reportCount").getAsLong());
    assertEquals(1000, first.get("intervalMillis").getAsLong());
    assertTrue(first.getAsJsonObject("jvm").get("heapUsed").getAsLong() > 0);
    assertEquals(
        "42",
        first
            .getAsJsonObject("metrics")
            .getAsJsonObject("SINK.k1")
            .get("EventDrainSuccessCount")
            .getAsString(),
        first.toString());
    assertTrue(
        first.getAsJsonObject("metrics").has("OTHER.metricsReporter"), "own counters travel along");
    assertEquals("Bearer s3cret", authorizations.poll());

    // Flume makes a new monitor on a configuration reload: the sequence goes on.
    received.clear();
    PushReporter reloaded = reporter("edge <1>");
    reloaded.start();
    try {
      JsonObject afterReload = JsonParser.parseString(next()).getAsJsonObject();
      assertTrue(
          afterReload.get("reportCount").getAsLong() >= 2,
          afterReload.get("reportCount").toString());
    } finally {
      reloaded.stop();
      sink.stop();
    }
  }

  private String next() throws InterruptedException {
    String report = received.poll(10, TimeUnit.SECONDS);
    if (report == null) {
      throw new AssertionError("no report within 10 s");
    }
    return report;
  }

  @Test
  void start_withHttpPort_servesFlumesOwnHttpMetricsToo_stopFreesIt() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Map<String, String> keys = new HashMap<>();
    keys.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/report");
    keys.put("identity", "both");
    keys.put("httpPort", String.valueOf(port));
    PushReporter reporter = new PushReporter();
    reporter.configure(new Context(keys));
    reporter.start();
    try {
      assertTrue(received.poll(10, TimeUnit.SECONDS) != null, "pushed");
      java.net.HttpURLConnection get =
          (java.net.HttpURLConnection)
              new java.net.URL("http://127.0.0.1:" + port + "/metrics").openConnection();
      String body;
      try (InputStream in = get.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      JsonObject metrics = JsonParser.parseString(body).getAsJsonObject();
      assertTrue(metrics.has("OTHER.metricsReporter"), body);
    } finally {
      reporter.stop();
      reporter.stop();
      PushReporter.takeCarriedOver(); // the next test's reporter starts its own sequence
    }
    try (java.net.ServerSocket again = new java.net.ServerSocket(port)) {
      assertEquals(port, again.getLocalPort(), "the port is free after stop");
    }
  }
}
