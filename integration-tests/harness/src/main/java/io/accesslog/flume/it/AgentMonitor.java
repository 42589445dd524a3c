package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An agent's counters, read from Flume's HTTP /metrics on a loopback port, or over remote JMX when
 * the agent runs another monitor; also the readiness check (every expected component listed).
 */
final class AgentMonitor {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final JavaProcess process;
  private final int port;
  private final boolean viaJmx;

  AgentMonitor(JavaProcess process, int port, boolean viaJmx) {
    this.process = process;
    this.port = port;
    this.viaJmx = viaJmx;
  }

  int port() {
    return port;
  }

  Map<String, Map<String, String>> read() throws IOException {
    return viaJmx
        ? JmxMetrics.read(port)
        : parse(Http.getJson("http://127.0.0.1:" + port + "/metrics"));
  }

  static Map<String, Map<String, String>> parse(JsonNode root) {
    Map<String, Map<String, String>> result = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> components = root.fields();
    while (components.hasNext()) {
      Map.Entry<String, JsonNode> component = components.next();
      Map<String, String> values = new TreeMap<>();
      component
          .getValue()
          .fields()
          .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      result.put(component.getKey(), values);
    }
    return result;
  }

  /** Waits until /metrics lists every {@code expected} component; kills the agent if not. */
  void awaitComponents(List<String> expected) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Map<String, Map<String, String>> seen = Map.of();
    while (System.nanoTime() < deadline) {
      process.requireAlive("starting up");
      try {
        seen = read();
        if (seen.keySet().containsAll(expected)) {
          return;
        }
      } catch (IOException notYet) {
        // monitoring server not up yet
      }
      KafkaBroker.sleepQuietly(250);
    }
    String tail = process.logTail(60);
    process.kill();
    throw new IllegalStateException(
        process.name()
            + " did not bring up "
            + expected
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; it reports "
            + seen.keySet()
            + " (a component whose configure() failed is dropped: see its ERROR line). Log tail:\n"
            + tail);
  }
}
