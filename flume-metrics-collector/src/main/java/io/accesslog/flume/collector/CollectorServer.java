package io.accesslog.flume.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.accesslog.flume.core.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The collector's HTTP side (the JDK's {@code com.sun.net.httpserver}) and its snapshot timer.
 *
 * <ul>
 *   <li>{@code POST /report}: 204 stored (200 for a duplicate); 400 bad JSON or shape, 401 bad
 *       token, 405, 411, 413 too large, 415 not JSON, 429 too many agents. Errors are plain text
 *       saying why.
 *   <li>{@code GET /} dashboard, {@code GET /api/agents} JSON, {@code GET /metrics} Prometheus
 *       text, {@code GET /healthz}.
 * </ul>
 *
 * <p>Threads: {@code collector-http-N} (two) serve requests; {@code collector-snapshot} writes the
 * window every {@code snapshot-every}. {@link #close()} stops both and writes a last snapshot.
 */
final class CollectorServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CollectorServer.class.getName());

  /** How often alerts are evaluated for the webhook. */
  static final long ALERT_EVERY_MILLIS = 5_000;

  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

  private final CollectorSettings settings;
  private final Clock clock;
  private final ReportCodec codec = new ReportCodec();
  private final ObjectMapper json = codec.mapper();
  private final ReportStore store;
  private final AlertRules rules;
  private final AlertRules.Memory alertMemory = new AlertRules.Memory();
  private final Snapshot snapshot;
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final ScheduledExecutorService snapshotThread;
  private final ScheduledExecutorService alertThread;
  private final AlertNotifier notifier;
  private boolean closed;

  private CollectorServer(CollectorSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.store = new ReportStore(settings.window().toMillis(), settings.maxAgents());
    this.rules = new AlertRules(settings.alerts());
    this.snapshot = new Snapshot(settings.storageDir(), codec);
    int loaded = snapshot.load(store);
    LOG.info("loaded " + loaded + " reports from " + settings.storageDir().resolve(Snapshot.FILE));
    try {
      server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
    } catch (IOException e) {
      throw new IOException(
          "collector cannot listen on "
              + settings.bind()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    httpThreads = Executors.newFixedThreadPool(2, named("collector-http-"));
    server.setExecutor(httpThreads);
    server.createContext("/", this::handle);
    snapshotThread = Executors.newSingleThreadScheduledExecutor(named("collector-snapshot"));
    notifier =
        settings.webhook().isEmpty()
            ? null
            : new AlertNotifier(settings.webhook(), settings.webhookToken());
    alertThread =
        notifier == null
            ? null
            : Executors.newSingleThreadScheduledExecutor(named("collector-alerts"));
  }

  static CollectorServer start(CollectorSettings settings, Clock clock) throws IOException {
    CollectorServer collector = new CollectorServer(settings, clock);
    collector.server.start();
    long every = settings.snapshotEvery().toMillis();
    collector.snapshotThread.scheduleWithFixedDelay(
        collector::guardedSnapshot, every, every, TimeUnit.MILLISECONDS);
    if (collector.alertThread != null) {
      collector.alertThread.scheduleWithFixedDelay(
          collector::guardedAlerts, ALERT_EVERY_MILLIS, ALERT_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }
    return collector;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** One exception must not cancel the schedule. */
  private void guardedAlerts() {
    try {
      notifier.evaluate(views(false), clock.millis());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "alert evaluation failed; will try again", e);
    }
  }

  private void guardedSnapshot() {
    try {
      snapshot.write(store.all());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "snapshot to " + settings.storageDir() + " failed; will try again", e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      if (path.equals("/report")) {
        if (!method.equals("POST")) {
          text(exchange, 405, "POST a report to /report");
          return;
        }
        report(exchange);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        text(exchange, 405, "only GET here");
        return;
      }
      if (settings.protectReads() && !path.equals("/healthz") && !authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        text(
            exchange,
            401,
            "missing or wrong 'Authorization: Bearer <token>' (--protect-reads true)");
        return;
      }
      switch (path) {
        case "/", "/index.html" ->
            send(
                exchange,
                200,
                "text/html; charset=utf-8",
                DashboardPage.render(
                    views(true),
                    clock.millis(),
                    settings.window().toMillis(),
                    settings.refresh().toSeconds(),
                    query(exchange, "agent")));
        case "/api/agents" ->
            send(
                exchange,
                200,
                "application/json",
                json.writeValueAsString(
                    ApiFormat.render(json, codec, views(true), clock.millis())));
        case "/metrics" ->
            send(
                exchange,
                200,
                PrometheusFormat.CONTENT_TYPE,
                PrometheusFormat.render(views(false), clock.millis()));
        case "/healthz" -> text(exchange, 200, "ok");
        default -> text(exchange, 404, "no such page: try /, /api/agents, /metrics, POST /report");
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "request " + exchange.getRequestURI() + " failed", e);
    }
  }

  private void report(HttpExchange exchange) throws IOException {
    if (!settings.token().isEmpty() && !authorized(exchange)) {
      text(
          exchange,
          401,
          "missing or wrong 'Authorization: Bearer <token>' (the reporter's flume.monitoring.token)");
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      text(exchange, 415, "Content-Type must be application/json, was " + type);
      return;
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && parseLong(length) > settings.maxBodyBytes()) {
      text(
          exchange,
          413,
          "report of "
              + length
              + " bytes is larger than "
              + settings.maxBodyBytes()
              + " (--max-body)");
      return;
    }
    byte[] body = readAtMost(exchange.getRequestBody(), settings.maxBodyBytes() + 1);
    if (body.length > settings.maxBodyBytes()) {
      text(
          exchange,
          413,
          "report is larger than " + settings.maxBodyBytes() + " bytes (--max-body)");
      return;
    }
    Report report;
    try {
      report = codec.parse(new String(body, StandardCharsets.UTF_8), clock.millis());
    } catch (ReportCodec.InvalidReport e) {
      text(exchange, 400, "invalid report: " + e.getMessage());
      return;
    }
    switch (store.add(report)) {
      case STORED -> send(exchange, 204, null, null);
      case DUPLICATE -> text(exchange, 200, "duplicate of a stored report; ignored");
      case TOO_MANY_AGENTS ->
          text(exchange, 429, "already " + settings.maxAgents() + " agents (--max-agents)");
      default -> throw new IllegalStateException();
    }
  }

  private boolean authorized(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
    return auth != null && MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8));
  }

  private List<AgentView> views(boolean withSeries) {
    long now = clock.millis();
    List<AgentView> views = new ArrayList<>();
    Map<String, List<Report>> histories = store.histories(now);
    for (Map.Entry<String, List<Report>> e : histories.entrySet()) {
      views.add(
          AgentView.of(
              e.getKey(),
              e.getValue(),
              now,
              settings.staleIntervals(),
              rules,
              alertMemory,
              withSeries));
    }
    alertMemory.retain(histories.keySet());
    return views;
  }

  /** One query parameter, URL-decoded, or null. */
  private static String query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static long parseLong(String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", message + "\n");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (body == null || exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops serving, stops the timer, writes a last snapshot. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(1);
    httpThreads.shutdown();
    snapshotThread.shutdownNow();
    if (alertThread != null) {
      alertThread.shutdownNow();
    }
    try {
      if (!snapshotThread.awaitTermination(10, TimeUnit.SECONDS)
          || !httpThreads.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warning("collector threads did not stop within 15 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    guardedSnapshot();
  }
}
