package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real agent JVMs (the shipped {@code storage-source-filechannel.properties}: our Kafka source, interceptor,
 * MemoryChannel, gzip HDFS sink) run our push reporter ({@code -Dflume.monitoring.type=...PushReporter},
 * 1 s interval) against a real collector in its own JVM ({@code java -jar}, as collector.sh runs it).
 * The agents' own counters are read independently over remote JMX. The tests run in order on the
 * same servers: rates and Prometheus output, a collector outage, a killed agent, the dashboard in
 * headless Chromium. The second agent's identity is an HTML/script injection attempt.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsPushIT {
  private static final String TOPIC = "access-metrics";
  private static final int LINES = 20_000;
  private static final int MORE_LINES = 5_000;
  private static final int BACKLOG = 4;
  private static final String ONE = "edge-one";
  private static final String EVIL = "web-2 <img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
  private static final String REPORTER = "OTHER.metricsReporter";
  private static final String TOKEN = "it-shared-secret";

  @RegisterExtension
  static final RealServers SERVERS = new RealServers("metrics-push");

  private static MetricsCollectorProcess collector;
  private static FlumeAgent one;
  private static FlumeAgent two;

  @BeforeAll
  static void start() {
    collector = MetricsCollectorProcess.start(SERVERS.work().resolve("collector"),
        "--stale-intervals", "3", "--snapshot-every", "1s", "--window", "10m", "--refresh", "30s", "--token", TOKEN);
    SERVERS.kafka().createTopic(TOPIC, 2);
    one = agent("one", ONE);
    two = agent("two", EVIL);
  }

  @AfterAll
  static void stop() {
    for (FlumeAgent agent : new FlumeAgent[] {one, two}) {
      if (agent != null && agent.process().isAlive()) {
        agent.stop();
      }
    }
    if (collector != null) {
      collector.stop();
    }
  }

  private static FlumeAgent agent(String name, String identity) {
    return FlumeAgent.builder(HarnessPaths.flumeHome())
        .configFile(HarnessPaths.confExamples().resolve("storage-source-filechannel.properties"))
        .workDir(SERVERS.work().resolve("agent-" + name))
        .env(SERVERS.kafka().env())
        .env(SERVERS.hdfs().env())
        .hadoopSite(SERVERS.hdfs().clientSite())
        .env("KAFKA_TOPIC", TOPIC)
        .env("KAFKA_GROUP_ID", "metrics-" + name)
        .env("HDFS_ROOT", "/logs/metrics-" + name)
        .monitoring("io.accesslog.flume.metrics.PushReporter", Map.of(
            "url", collector.reportUrl(), "interval", "1s", "identity", identity, "timeout", "1s",
            "backlog", String.valueOf(BACKLOG), "maxBackoff", "2s", "token", TOKEN))
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", REPORTER)
        .start();
  }

  @Test
  @Order(1)
  void twoAgents_apiAndPrometheus_showBoth_ratesMatchAgentCounters() throws Exception {
    produce(LINES, 11);
    for (FlumeAgent agent : List.of(one, two)) {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", LINES, Duration.ofMinutes(2));
    }
    for (String identity : List.of(ONE, EVIL)) {
      FlumeAgent agent = identity.equals(ONE) ? one : two;
      long accepted = agent.counter("SOURCE.kafka", "EventAcceptedCount");
      long drained = agent.counter("SINK.hdfs", "EventDrainSuccessCount");
      assertEquals(LINES, accepted);
      JsonNode view = awaitAgent(identity, a -> latestCounter(a, "SOURCE.kafka", "EventAcceptedCount") == accepted
          && latestCounter(a, "SINK.hdfs", "EventDrainSuccessCount") == drained);
      assertEquals("OK", view.path("status").asText(), view.path("reasons").toString());
      // Rates are counter deltas over report time: integrated over the window they give the agent's own counter.
      double integratedIn = 0;
      double integratedOut = 0;
      double peakIn = 0;
      long previousIn = -1;
      for (JsonNode point : view.path("series")) {
        double seconds = point.path("seconds").asDouble();
        double in = point.path("eventsInPerSecond").asDouble() * seconds;
        integratedIn += in;
        integratedOut += point.path("eventsOutPerSecond").asDouble() * seconds;
        peakIn = Math.max(peakIn, point.path("eventsInPerSecond").asDouble());
        if (previousIn >= 0) {
          assertEquals(point.path("eventsIn").asLong() - previousIn, in, 0.01, point.toString());
        }
        previousIn = point.path("eventsIn").asLong();
      }
      assertEquals(accepted, integratedIn, 0.5, "events in, integrated from the rates of " + identity);
      assertEquals(drained, integratedOut, 0.5, "events out, integrated from the rates of " + identity);
      assertTrue(peakIn > 0, "a non-zero rate while loading: " + view.path("series"));
      JsonNode source = view.path("components").path("SOURCE.kafka");
      JsonNode sink = view.path("components").path("SINK.hdfs");
      assertTrue(source.has("kafkaLag") && sink.has("spoolBytes") && sink.has("oldestUnflushedAgeMillis")
          && view.path("components").path("CHANNEL.ch").has("fillPercent"), view.path("components").toString());
      assertEquals(0, sink.path("failures").asLong(), sink.toString());
      assertEquals(0, agent.counter(REPORTER, "ReportsRejected"), "the token was accepted");
    }

    String text = collector.prometheusText();
    Path file = SERVERS.work().resolve("collector-metrics.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    promtoolCheck(file);
    for (String identity : List.of(ONE, EVIL)) {
      FlumeAgent agent = identity.equals(ONE) ? one : two;
      assertEquals(agent.counter("SOURCE.kafka", "EventAcceptedCount"),
          promValue(text, "flume_source_event_accepted_total", identity, "kafka"), identity);
      assertEquals(agent.counter("SINK.hdfs", "EventDrainSuccessCount"),
          promValue(text, "flume_sink_event_drain_success_total", identity, "hdfs"), identity);
      assertEquals(1, promValue(text, "flume_agent_up", identity, null), identity);
    }
  }

  @Test
  @Order(2)
  void collectorDown_agentsRunOnWithBoundedBacklog_reportingResumesWithWindowKept() {
    long sentBefore = one.counter(REPORTER, "ReportsSent");
    long stoppedAt = System.currentTimeMillis();
    collector.stop();
    produce(MORE_LINES, 12);

    int largestBacklog = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (true) {
      for (FlumeAgent agent : List.of(one, two)) {
        largestBacklog = (int) Math.max(largestBacklog, agent.counter(REPORTER, "BacklogSize"));
      }
      if (one.counter(REPORTER, "ReportsDropped") > 0 && two.counter(REPORTER, "ReportsDropped") > 0) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "no report dropped within 40 s: " + one.metrics().get(REPORTER));
      KafkaBroker.sleepQuietly(250);
    }
    assertEquals(BACKLOG, largestBacklog, "the backlog fills up to its bound and no further");
    for (FlumeAgent agent : List.of(one, two)) {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", LINES + MORE_LINES, Duration.ofMinutes(1));
      assertTrue(agent.counter(REPORTER, "SendFailures") > 0);
      assertTrue(agent.process().isAlive());
    }

    collector.start();
    for (FlumeAgent agent : List.of(one, two)) {
      await("backlog drained after the collector came back", () -> agent.counter(REPORTER, "BacklogSize") == 0
          && agent.counter(REPORTER, "ReportsSent") > sentBefore + BACKLOG);
    }
    JsonNode view = awaitAgent(ONE, a -> latestCounter(a, "SINK.hdfs", "EventDrainSuccessCount") == LINES + MORE_LINES);
    long firstInWindow = view.path("series").get(0).path("reportTime").asLong();
    assertTrue(firstInWindow < stoppedAt, "the window from before the restart is kept: first point at "
        + firstInWindow + ", collector stopped at " + stoppedAt);
  }

  @Test
  @Order(3)
  void agentKilled_becomesStale_otherStaysUp() throws IOException {
    two.kill();
    JsonNode stale = awaitAgent(EVIL, a -> a.path("status").asText().equals("STALE"));
    assertTrue(stale.path("reasons").get(0).asText().startsWith("no report for"), stale.path("reasons").toString());
    assertNotEquals("STALE", collector.agent(ONE).path("status").asText());
    String text = collector.prometheusText();
    assertEquals(0, promValue(text, "flume_agent_up", EVIL, null));
    assertEquals(1, promValue(text, "flume_agent_up", ONE, null));
  }

  @Test
  @Order(4)
  void dashboard_inHeadlessChromium_showsBothAgentsAndStatus_identityIsText() throws IOException {
    Path screenshot = HarnessPaths.workDir().getParent().resolve("screenshots").resolve("metrics-dashboard.png");
    try (HeadlessChromium browser = HeadlessChromium.start(SERVERS.work().resolve("browser"))) {
      browser.open(collector.baseUrl() + "/");
      JsonNode page = browser.script(String.join("\n",
          "const agents = [...document.querySelectorAll('section.agent')];",
          "return {",
          "  title: document.title,",
          "  identities: agents.map(a => a.querySelector('.identity').textContent),",
          "  statuses: agents.map(a => a.querySelector('.status').textContent),",
          "  images: document.images.length,",
          "  scripts: document.scripts.length,",
          "  charts: document.querySelectorAll('svg.chart polyline').length,",
          "  refresh: (document.querySelector('meta[http-equiv=refresh]') || {}).content",
          "};"));
      browser.screenshot(screenshot);
      List<String> identities = new ArrayList<>();
      page.path("identities").forEach(n -> identities.add(n.asText()));
      assertEquals(List.of(ONE, EVIL), identities, "both agents, the injected markup shown as literal text");
      assertNotEquals("STALE", page.path("statuses").get(0).asText());
      assertEquals("STALE", page.path("statuses").get(1).asText());
      assertEquals("Flume agents", page.path("title").asText(), "no injected script ran");
      assertEquals(0, page.path("images").asInt(), "no injected element");
      assertEquals(0, page.path("scripts").asInt(), "no script element");
      assertTrue(page.path("charts").asInt() >= 2, page.toString());
      assertEquals("30", page.path("refresh").asText());
    }
    assertTrue(Files.size(screenshot) > 1000, "screenshot kept at " + screenshot);
  }

  private static void produce(int lines, long seed) {
    AccessLogGenerator generator = new AccessLogGenerator(seed, lines, 10, 5,
        AccessLogGenerator.hourStartHoursAgo(3), 2, ZoneOffset.UTC);
    KafkaLoader.produce(SERVERS.kafka().bootstrapServers(), TOPIC, generator, n -> { });
  }

  private static long latestCounter(JsonNode agent, String component, String attribute) {
    JsonNode value = agent.path("latest").path("metrics").path(component).path(attribute);
    return value.isMissingNode() ? -1 : Long.parseLong(value.asText());
  }

  private interface AgentCheck {
    boolean test(JsonNode agent);
  }

  /** Polls the collector's /api/agents until {@code identity} passes {@code check} (30 s). */
  private static JsonNode awaitAgent(String identity, AgentCheck check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode agent = null;
    while (System.nanoTime() < deadline) {
      agent = collector.agent(identity);
      if (agent != null && check.test(agent)) {
        return agent;
      }
      KafkaBroker.sleepQuietly(250);
    }
    throw new AssertionError("collector's view of " + identity + " did not get there within 30 s: " + agent
        + "\ncollector log:\n" + collector.logTail(20));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within 30 s");
      KafkaBroker.sleepQuietly(250);
    }
  }

  /** {@code promtool check metrics} (Prometheus' own parser and linter) must accept the text. */
  private static void promtoolCheck(Path file) throws IOException, InterruptedException {
    Path promtool = DebianTools.require("promtool", "prometheus");
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectInput(file.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(new File(file + ".promtool")))
        .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    assertEquals(0, process.exitValue(), "promtool check metrics: " + Files.readString(Path.of(file + ".promtool")));
  }

  /** The value of {@code name} for one agent (and component, unless null) in Prometheus text. */
  private static long promValue(String text, String name, String identity, String component) {
    String escaped = identity.replace("\\", "\\\\").replace("\"", "\\\"");
    Pattern line = Pattern.compile("^" + name + "\\{identity=\"" + Pattern.quote(escaped) + "\",[^\\n]*?"
        + (component == null ? "" : "component=\"" + Pattern.quote(component) + "\"") + "\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    assertTrue(m.find(), name + " for " + identity + " not in:\n" + text);
    double value = Double.parseDouble(m.group(1));
    assertNotNull(value);
    return Math.round(value);
  }
}
