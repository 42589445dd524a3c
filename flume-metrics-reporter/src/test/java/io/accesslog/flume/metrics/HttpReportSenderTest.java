package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.accesslog.flume.metrics.ReportSender.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP sender against a real loopback endpoint that answers as scripted. */
class HttpReportSenderTest {
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(204);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/report",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          if (status.get() == 0) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(status.get() == 0 ? 204 : status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private HttpReportSender sender(int port) throws IOException {
    return new HttpReportSender(new URL("http://127.0.0.1:" + port + "/report"), 300, "");
  }

  @Test
  void send_statuses_classified() throws IOException {
    HttpReportSender sender = sender(server.getAddress().getPort());
    assertEquals(Outcome.ACCEPTED, sender.send("{}"));
    status.set(401);
    assertEquals(Outcome.REJECTED, sender.send("{}"));
    status.set(503);
    assertEquals(Outcome.FAILED, sender.send("{}"));
    status.set(204);
    assertEquals(Outcome.ACCEPTED, sender.send("{}"));
  }

  @Test
  void send_collectorSilent_failsAtReadTimeout() throws IOException {
    status.set(0);
    assertEquals(Outcome.FAILED, sender(server.getAddress().getPort()).send("{}"));
  }

  @Test
  void send_nothingListening_fails() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertEquals(Outcome.FAILED, sender(port).send("{}"));
  }
}
