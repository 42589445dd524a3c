package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics collector ({@code flume-metrics-collector}) in its own JVM, started from its built
 * jar exactly as {@code collector.sh} does ({@code java -jar}; the manifest names target/lib), on
 * 127.0.0.1. Restartable on the same port and storage dir, to test outages and the snapshot.
 */
public final class MetricsCollectorProcess implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final Path jar;
  private final Path storageDir;
  private final Path logDir;
  private final int port;
  private final List<String> extraArgs;
  private JavaProcess process;
  private int starts;

  private MetricsCollectorProcess(Path jar, Path workDir, int port, List<String> extraArgs) {
    this.jar = jar;
    this.storageDir = workDir.resolve("storage");
    this.logDir = workDir;
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /**
   * Starts a collector with its storage under {@code workDir}; {@code args} are collector options.
   */
  public static MetricsCollectorProcess start(Path workDir, String... args) {
    MetricsCollectorProcess collector =
        new MetricsCollectorProcess(
            HarnessPaths.collectorJar(), workDir, Ports.freeLoopbackPort(), List.of(args));
    collector.start();
    return collector;
  }

  /** (Re)starts the collector on the same port and storage dir. */
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("collector already running on 127.0.0.1:" + port);
    }
    // No Ports.requireFree here: after a stop the port has TIME_WAIT connections, which the
    // collector's listener (SO_REUSEADDR) binds over; a port really taken fails its start with the
    // reason.
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bind",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--storage-dir",
                storageDir.toString()));
    args.addAll(extraArgs);
    starts++;
    // The manifest Class-Path (lib/...) is honoured for a jar on -cp too; JavaProcess starts main
    // classes.
    process =
        JavaProcess.builder("metrics collector (127.0.0.1:" + port + ")")
            .classpath(jar.toString())
            .jvmArg("-Xmx256m")
            .mainClass("io.accesslog.flume.collector.CollectorMain")
            .args(args.toArray(String[]::new))
            .workDir(logDir)
            .logFile(logDir.resolve("collector-" + starts + ".out"))
            .start();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      process.requireAlive("starting up");
      try {
        if (get("/healthz").startsWith("ok")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      KafkaBroker.sleepQuietly(100);
    }
    String tail = process.logTail(40);
    process.kill();
    throw new IllegalStateException(
        "metrics collector did not answer on 127.0.0.1:"
            + port
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; log:\n"
            + tail);
  }

  public int port() {
    return port;
  }

  /** The URL reporters POST to. */
  public String reportUrl() {
    return baseUrl() + "/report";
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Path storageDir() {
    return storageDir;
  }

  /** {@code GET /api/agents}. */
  public JsonNode agents() {
    return Http.getJsonUnchecked(baseUrl() + "/api/agents");
  }

  /** One agent from {@code /api/agents}, or {@code null}. */
  public JsonNode agent(String identity) {
    for (JsonNode agent : agents().path("agents")) {
      if (agent.path("identity").asText().equals(identity)) {
        return agent;
      }
    }
    return null;
  }

  /** {@code GET /metrics} (Prometheus text). */
  public String prometheusText() throws IOException {
    return get("/metrics");
  }

  public String get(String path) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl() + path).openConnection();
    connection.setConnectTimeout(2000);
    connection.setReadTimeout(5000);
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }

  /** SIGTERM (the collector writes its snapshot), waiting for the exit. */
  public int stop() {
    return process == null ? 0 : process.stop(Duration.ofSeconds(30));
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public String logTail(int lines) {
    return process == null ? "" : process.logTail(lines);
  }

  @Override
  public void close() {
    stop();
  }

  /** The collector jar in {@code dir} (flume-metrics-collector-VERSION.jar). */
  static Path findJar(Path dir) {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(dir, "flume-metrics-collector-*.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new IllegalStateException(
        "no flume-metrics-collector jar in "
            + dir
            + ": build it first (mvn -DskipTests package -pl flume-metrics-collector)");
  }
}
