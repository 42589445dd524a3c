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
import java.util.Set;
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
 * Two real agent JVMs (the shipped {@code storage-source-filechannel.properties}: our Kafka source,
 * interceptor, FileChannel, gzip HDFS sink) run our push reporter ({@code
 * -Dflume.monitoring.type=...PushReporter}, 1 s interval) against a real collector in its own JVM
 * ({@code java -jar}, as collector.sh runs it), whose webhook posts to a receiver in this test. The
 * agents' own counters are read independently over Flume's HTTP monitoring. The tests run in order
 * on the same servers: rates, declared metric types and Prometheus output (promtool), a catch-up
 * through a full channel (no alert), a collector outage, a writer-id conflict and an HDFS outage
 * (each notified), a killed agent, the dashboard in headless Chromium. The second agent's identity
 * is an HTML/script injection attempt. Agent one's sink writes to HDFS within seconds ({@code
 * member.maxAge 1s}, {@code append.maxAge 2s}) and its channel holds 10,000 events, so a catch-up
 * fills it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsPushIT {
  private static final String TOPIC = "access-metrics";
  private static final int LINES = 20_000;
  private static final int MORE_LINES = 5_000;
  private static final int BACKLOG = 4;
  private static final String ONE = "edge-one";
  private static final String EVIL =
      "web-2 <img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
  private static final String REPORTER = "OTHER.metricsReporter";
  private static final String TOKEN = "it-shared-secret";
  private static final String THREE = "edge-three-same-writer-id";
  private static final int CATCH_UP_LINES = 150_000;

  /** Write failures must go on this long before the collector alerts (--alert-failures). */
  private static final int FAILURES_SECONDS = 10;

  @RegisterExtension static final RealServers SERVERS = new RealServers("metrics-push");

  private static MetricsCollectorProcess collector;
  private static FlumeAgent one;
  private static FlumeAgent two;
  private static Webhook webhook;

  /**
   * Agent one's reporter also serves Flume's own HTTP /metrics here ({@code
   * flume.monitoring.httpPort}).
   */
  private static int oneHttpPort;

  @BeforeAll
  static void start() throws IOException {
    webhook = Webhook.start();
    collector =
        MetricsCollectorProcess.start(
            SERVERS.work().resolve("collector"),
            "--stale-intervals",
            "3",
            "--snapshot-every",
            "1s",
            "--window",
            "10m",
            "--refresh",
            "30s",
            "--token",
            TOKEN,
            "--webhook",
            webhook.url(),
            "--alert-failures",
            FAILURES_SECONDS + "s",
            "--alert-lookback",
            "20s",
            "--alert-for",
            "3",
            "--alert-clear",
            "3");
    SERVERS.kafka().createTopic(TOPIC, 2);
    oneHttpPort = Ports.freeLoopbackPort();
    one =
        agent(
            "one",
            ONE,
            "metrics-one",
            b ->
                b.override("a1.sinks.hdfs.member.maxAge", "1s")
                    .override("a1.sinks.hdfs.append.maxAge", "2s")
                    .override("a1.sinks.hdfs.batchSize", "2000")
                    .override("a1.channels.ch.capacity", "10000")
                    .override("a1.channels.ch.transactionCapacity", "5000")
                    // per-partition lag refreshed every second (default 30 s), so the
                    // flume_source_kafka_partition_lag
                    // series the shipped dashboard uses exists by the time the exported names are
                    // checked
                    .override("a1.sources.kafka.lag.refreshIntervalMillis", "1000"));
    two = agent("two", EVIL, "metrics-two", b -> b);
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
    if (webhook != null) {
      webhook.close();
    }
  }

  private static FlumeAgent agent(
      String name,
      String identity,
      String root,
      java.util.function.UnaryOperator<FlumeAgent.Builder> overrides) {
    return overrides
        .apply(
            FlumeAgent.builder(HarnessPaths.flumeHome())
                .configFile(
                    HarnessPaths.confExamples().resolve("storage-source-filechannel.properties"))
                .workDir(SERVERS.work().resolve("agent-" + name))
                .env(SERVERS.kafka().env())
                .env(SERVERS.hdfs().env())
                .hadoopSite(SERVERS.hdfs().clientSite())
                .env("KAFKA_TOPIC", TOPIC)
                .env("KAFKA_GROUP_ID", "metrics-" + name)
                .env("HDFS_ROOT", "/logs/" + root)
                .monitoring("io.accesslog.flume.metrics.PushReporter", reporterKeys(identity))
                .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", REPORTER))
        .start();
  }

  private static Map<String, String> reporterKeys(String identity) {
    Map<String, String> keys =
        new java.util.HashMap<>(
            Map.of(
                "url",
                collector.reportUrl(),
                "interval",
                "1s",
                "identity",
                identity,
                "timeout",
                "1s",
                "backlog",
                String.valueOf(BACKLOG),
                "maxBackoff",
                "2s",
                "token",
                TOKEN));
    if (identity.equals(ONE)) {
      keys.put("httpPort", String.valueOf(oneHttpPort));
    }
    return keys;
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
      JsonNode view =
          awaitAgent(
              identity,
              a ->
                  latestCounter(a, "SOURCE.kafka", "EventAcceptedCount") == accepted
                      && latestCounter(a, "SINK.hdfs", "EventDrainSuccessCount") == drained);
      assertEquals("OK", view.path("status").asText(), view.path("reasons").toString());
      // Rates are counter deltas over report time: integrated over the window they give the agent's
      // own counter.
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
      assertEquals(
          accepted, integratedIn, 0.5, "events in, integrated from the rates of " + identity);
      assertEquals(
          drained, integratedOut, 0.5, "events out, integrated from the rates of " + identity);
      assertTrue(peakIn > 0, "a non-zero rate while loading: " + view.path("series"));
      JsonNode source = view.path("components").path("SOURCE.kafka");
      JsonNode sink = view.path("components").path("SINK.hdfs");
      assertTrue(
          source.has("kafkaLag")
              && sink.has("spoolBytes")
              && sink.has("oldestUnflushedAgeMillis")
              && view.path("components").path("CHANNEL.ch").has("fillPercent"),
          view.path("components").toString());
      assertEquals(0, sink.path("failures").asLong(), sink.toString());
      assertEquals(0, agent.counter(REPORTER, "ReportsRejected"), "the token was accepted");
    }

    // Flume's own HTTP /metrics, served by the same (one) monitor next to the push.
    JsonNode flumeHttp = Http.getJson("http://127.0.0.1:" + oneHttpPort + "/metrics");
    assertEquals(
        String.valueOf(LINES),
        flumeHttp.path("SOURCE.kafka").path("EventAcceptedCount").asText(),
        flumeHttp.toString());
    assertTrue(
        flumeHttp.has("OTHER.metricsReporter") && flumeHttp.has("SINK.hdfs"), flumeHttp.toString());

    String text = collector.prometheusText();
    Path file = SERVERS.work().resolve("collector-metrics.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    promtoolCheck(file);
    checkDeclaredTypes(text);
    checkShippedNamesExist(text);
    for (String identity : List.of(ONE, EVIL)) {
      FlumeAgent agent = identity.equals(ONE) ? one : two;
      assertEquals(
          agent.counter("SOURCE.kafka", "EventAcceptedCount"),
          promValue(text, "flume_source_event_accepted_total", identity, "kafka"),
          identity);
      assertEquals(
          agent.counter("SINK.hdfs", "EventDrainSuccessCount"),
          promValue(text, "flume_sink_event_drain_success_total", identity, "hdfs"),
          identity);
      assertEquals(1, promValue(text, "flume_agent_up", identity, null), identity);
    }
  }

  @Test
  @Order(2)
  void catchUpThroughFullChannel_isBackpressure_noAlert() throws Exception {
    int notificationsBefore = webhook.received().size();
    long started = System.currentTimeMillis();
    produce(CATCH_UP_LINES, 21);
    double fillMax = 0;
    List<String> statuses = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (one.counter("SINK.hdfs", "EventDrainSuccessCount") < LINES + CATCH_UP_LINES) {
      assertTrue(
          System.nanoTime() < deadline,
          "catch-up not done in 3 min: " + one.metrics().get("CHANNEL.ch"));
      fillMax =
          Math.max(
              fillMax,
              Double.parseDouble(one.metrics().get("CHANNEL.ch").get("ChannelFillPercentage")));
      JsonNode view = collector.agent(ONE);
      statuses.add(
          view.path("status").asText()
              + (view.path("reasons").isEmpty() ? "" : " " + view.path("reasons")));
      KafkaBroker.sleepQuietly(250);
    }
    long seconds = (System.currentTimeMillis() - started) / 1000;
    two.awaitCounter(
        "SINK.hdfs", "EventDrainSuccessCount", LINES + CATCH_UP_LINES, Duration.ofMinutes(2));
    KafkaBroker.sleepQuietly(3_000);
    List<JsonNode> during =
        webhook.received().subList(notificationsBefore, webhook.received().size());
    System.out.printf(
        "catch-up of %,d lines through a 10,000-event FileChannel: %d s, channel fill peak %.1f %%, "
            + "collector statuses seen %s, webhook notifications %d%n",
        CATCH_UP_LINES, seconds, fillMax, new java.util.TreeSet<>(statuses), during.size());
    assertTrue(
        fillMax >= 90,
        "the channel was full during the catch-up (else this proves nothing): " + fillMax);
    assertEquals(List.of(), during, "no notification during a normal catch-up");
    assertTrue(statuses.stream().allMatch(st -> st.equals("OK")), statuses.toString());
  }

  @Test
  @Order(3)
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
      if (one.counter(REPORTER, "ReportsDropped") > 0
          && two.counter(REPORTER, "ReportsDropped") > 0) {
        break;
      }
      assertTrue(
          System.nanoTime() < deadline,
          "no report dropped within 40 s: " + one.metrics().get(REPORTER));
      KafkaBroker.sleepQuietly(250);
    }
    assertEquals(BACKLOG, largestBacklog, "the backlog fills up to its bound and no further");
    for (FlumeAgent agent : List.of(one, two)) {
      agent.awaitCounter(
          "SINK.hdfs",
          "EventDrainSuccessCount",
          LINES + CATCH_UP_LINES + MORE_LINES,
          Duration.ofMinutes(1));
      assertTrue(agent.counter(REPORTER, "SendFailures") > 0);
      assertTrue(agent.process().isAlive());
    }

    collector.start();
    for (FlumeAgent agent : List.of(one, two)) {
      await(
          "backlog drained after the collector came back",
          () ->
              agent.counter(REPORTER, "BacklogSize") == 0
                  && agent.counter(REPORTER, "ReportsSent") > sentBefore + BACKLOG);
    }
    JsonNode view =
        awaitAgent(
            ONE,
            a ->
                latestCounter(a, "SINK.hdfs", "EventDrainSuccessCount")
                    == LINES + CATCH_UP_LINES + MORE_LINES);
    long firstInWindow = view.path("series").get(0).path("reportTime").asLong();
    assertTrue(
        firstInWindow < stoppedAt,
        "the window from before the restart is kept: first point at "
            + firstInWindow
            + ", collector stopped at "
            + stoppedAt);
  }

  @Test
  @Order(4)
  void writerIdConflict_notifiedCritical() throws Exception {
    long started = System.currentTimeMillis();
    // Same HDFS root and (default) writer id as agent one, which holds the claim: this sink must
    // refuse to write.
    FlumeAgent three = agent("three", THREE, "metrics-one", b -> b);
    try {
      JsonNode alert = webhook.await(THREE, "writer_id_conflict", "firing", Duration.ofMinutes(2));
      System.out.printf(
          "writer-id conflict notified %d ms after the agent start: %s%n",
          System.currentTimeMillis() - started, alert);
      assertEquals("critical", alert.path("labels").path("severity").asText());
      assertEquals(1, three.counter("SINK.hdfs", "WriterIdConflict"));
      assertEquals("CRITICAL", collector.agent(THREE).path("status").asText());
      assertEquals(0, one.counter("SINK.hdfs", "WriterIdConflict"), "the holder writes on");
    } finally {
      three.stop();
    }
    assertTrue(
        webhook.firing(ONE).stream()
            .noneMatch(
                a -> a.path("labels").path("alertname").asText().equals("writer_id_conflict")),
        "only the agent that lost the claim: " + webhook.received());
  }

  @Test
  @Order(5)
  void hdfsOutage_longerThanThreshold_notifiedCritical_thenResolved() throws Exception {
    one.awaitCounter("SINK.hdfs", "HdfsWrites", 1, Duration.ofSeconds(30));
    long failuresBefore = one.counter("SINK.hdfs", "HdfsWriteFailures");
    long stopped = System.currentTimeMillis();
    SERVERS.hdfs().stop();
    JsonNode alert;
    long notified;
    try {
      produce(MORE_LINES, 31);
      alert = webhook.await(ONE, "write_failures", "firing", Duration.ofMinutes(2));
      notified = System.currentTimeMillis();
    } finally {
      SERVERS.hdfs().restart();
    }
    long restarted = System.currentTimeMillis();
    long failures = one.counter("SINK.hdfs", "HdfsWriteFailures") - failuresBefore;
    JsonNode resolved = webhook.await(ONE, "write_failures", "resolved", Duration.ofMinutes(3));
    long resolvedAt = System.currentTimeMillis();
    System.out.printf(
        "HDFS outage: write_failures notified %d ms after HDFS stopped (threshold %d s, %d failed writes); "
            + "resolved %d ms after HDFS came back: %s%n",
        notified - stopped,
        FAILURES_SECONDS,
        failures,
        resolvedAt - restarted,
        alert.path("annotations").path("summary").asText());
    assertEquals("critical", alert.path("labels").path("severity").asText());
    assertTrue(
        notified - stopped >= FAILURES_SECONDS * 1000L,
        "not before failing for the threshold: " + (notified - stopped));
    assertTrue(failures > 0);
    assertEquals("resolved", resolved.path("status").asText());
  }

  @Test
  @Order(6)
  void agentKilled_becomesStale_otherStaysUp() throws IOException {
    two.kill();
    JsonNode stale = awaitAgent(EVIL, a -> a.path("status").asText().equals("STALE"));
    assertTrue(
        stale.path("reasons").get(0).asText().startsWith("no report for"),
        stale.path("reasons").toString());
    assertNotEquals("STALE", collector.agent(ONE).path("status").asText());
    String text = collector.prometheusText();
    assertEquals(0, promValue(text, "flume_agent_up", EVIL, null));
    assertEquals(1, promValue(text, "flume_agent_up", ONE, null));
  }

  @Test
  @Order(7)
  void dashboard_inHeadlessChromium_worstFirst_statusesRight_identityIsText() throws IOException {
    Path screenshot =
        HarnessPaths.workDir().getParent().resolve("screenshots").resolve("metrics-dashboard.png");
    try (HeadlessChromium browser = HeadlessChromium.start(SERVERS.work().resolve("browser"))) {
      browser.open(collector.baseUrl() + "/");
      JsonNode page =
          browser.script(
              String.join(
                  "\n",
                  "const agents = [...document.querySelectorAll('section.agent')];",
                  "return {",
                  "  title: document.title,",
                  "  summary: (document.querySelector('#summary') || {}).textContent,",
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
      List<String> statuses = new ArrayList<>();
      page.path("statuses").forEach(n -> statuses.add(n.asText()));
      System.out.println(
          "dashboard: " + page.path("summary").asText() + " " + identities + " " + statuses);
      assertEquals(3, identities.size(), page.toString());
      assertTrue(
          identities.containsAll(List.of(ONE, EVIL, THREE)),
          "all agents, the injected markup as literal text");
      assertEquals(
          ONE,
          identities.get(2),
          "the agent still reporting comes after the stale ones: " + identities);
      assertEquals(List.of("STALE", "STALE"), statuses.subList(0, 2));
      assertNotEquals("STALE", statuses.get(2));
      assertTrue(
          page.path("summary").asText().startsWith("3 agents"), page.path("summary").asText());
      assertEquals("Flume agents", page.path("title").asText(), "no injected script ran");
      assertEquals(0, page.path("images").asInt(), "no injected element");
      assertEquals(0, page.path("scripts").asInt(), "no script element");
      assertTrue(page.path("charts").asInt() >= 2, page.toString());
      assertEquals("30", page.path("refresh").asText());
    }
    assertTrue(Files.size(screenshot) > 1000, "screenshot kept at " + screenshot);
  }

  private static void produce(int lines, long seed) {
    AccessLogGenerator generator =
        new AccessLogGenerator(
            seed, lines, 10, 5, AccessLogGenerator.hourStartHoursAgo(3), 2, ZoneOffset.UTC);
    KafkaLoader.produce(SERVERS.kafka().bootstrapServers(), TOPIC, generator, n -> {});
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
    throw new AssertionError(
        "collector's view of "
            + identity
            + " did not get there within 30 s: "
            + agent
            + "\ncollector log:\n"
            + collector.logTail(20));
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
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(new File(file + ".promtool")))
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
    assertEquals(
        0,
        process.exitValue(),
        "promtool check metrics: " + Files.readString(Path.of(file + ".promtool")));
  }

  /** The value of {@code name} for one agent (and component, unless null) in Prometheus text. */
  private static long promValue(String text, String name, String identity, String component) {
    String escaped = identity.replace("\\", "\\\\").replace("\"", "\\\"");
    Pattern line =
        Pattern.compile(
            "^"
                + name
                + "\\{identity=\""
                + Pattern.quote(escaped)
                + "\",[^\\n]*?"
                + (component == null ? "" : "component=\"" + Pattern.quote(component) + "\"")
                + "\\} (\\S+)$",
            Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    assertTrue(m.find(), name + " for " + identity + " not in:\n" + text);
    double value = Double.parseDouble(m.group(1));
    assertNotNull(value);
    return Math.round(value);
  }

  /**
   * Every family the collector exports for our agents has the type the code declared: the table is
   * generated from the agents' own declarations (each component's {@code MetricTypes} attribute,
   * read over JMX from the running agent, i.e. the constants in the counter classes) and the
   * reporter's built-in table for Flume's own attributes (named in each family's HELP); it is
   * written to {@code metric-types-table.md} in the work dir. No family is untyped or guessed.
   */
  private static void checkDeclaredTypes(String text) throws IOException {
    Map<String, String> typeOf = new java.util.HashMap<>();
    Map<String, String> helpOf = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] words = line.split(" ");
        typeOf.put(words[2], words[3]);
      } else if (line.startsWith("# HELP ")) {
        String[] words = line.split(" ", 4);
        helpOf.put(words[2], words[3]);
      }
    }
    StringBuilder table =
        new StringBuilder(
            "| component type | attribute | declared (kind:unit) | declared by | family | TYPE |\n"
                + "|---|---|---|---|---|---|\n");
    int checked = 0;
    for (FlumeAgent agent : List.of(one, two)) {
      for (Map.Entry<String, Map<String, String>> component : agent.metrics().entrySet()) {
        String type = component.getKey().substring(0, component.getKey().indexOf('.'));
        Map<String, String> declared = new java.util.TreeMap<>();
        String declaration = component.getValue().get("MetricTypes");
        if (declaration != null) {
          for (String entry : declaration.split(",")) {
            declared.put(
                entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
          }
        }
        for (String attribute : new java.util.TreeSet<>(component.getValue().keySet())) {
          if (attribute.equals("MetricTypes")) {
            continue;
          }
          String prefix = "Flume " + type + " attribute " + attribute + " (";
          String family =
              helpOf.entrySet().stream()
                  .filter(e -> e.getValue().startsWith(prefix))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElse(null);
          String own = declared.get(attribute);
          if (own != null && own.startsWith("info:")) {
            assertEquals(
                null, family, component.getKey() + "." + attribute + " is text, not a sample");
            continue;
          }
          if (family == null) {
            // Not a number (e.g. an empty KafkaLagByPartition before the first refresh, or Flume's
            // Type).
            assertTrue(
                own == null || own.startsWith("gauge_by_partition"),
                "no family for declared "
                    + component.getKey()
                    + "."
                    + attribute
                    + " ("
                    + own
                    + ")");
            continue;
          }
          String help = helpOf.get(family);
          String sent = help.substring(prefix.length(), help.lastIndexOf(')'));
          if (own != null) {
            assertEquals(
                own,
                sent,
                "the report carries the code's declaration of "
                    + component.getKey()
                    + "."
                    + attribute);
          }
          assertTrue(
              sent.matches("(counter|gauge|gauge_by_partition):(1|bytes|ms|percent|epoch_ms)"),
              component.getKey() + "." + attribute + " declared: " + help);
          String expected = sent.startsWith("counter:") ? "counter" : "gauge";
          assertEquals(
              expected,
              typeOf.get(family),
              family + " (" + component.getKey() + "." + attribute + " " + sent + ")");
          assertEquals(
              expected.equals("counter"),
              family.endsWith("_total"),
              family + ": _total on counters only");
          table
              .append("| ")
              .append(type)
              .append(" | ")
              .append(attribute)
              .append(" | ")
              .append(sent)
              .append(" | ")
              .append(own != null ? "the component (MetricTypes)" : "reporter (Flume's own)")
              .append(" | `")
              .append(family)
              .append("` | ")
              .append(typeOf.get(family))
              .append(" |\n");
          checked++;
        }
      }
    }
    Files.writeString(
        SERVERS.work().resolve("metric-types-table.md"), table.toString(), StandardCharsets.UTF_8);
    System.out.println(
        "declared metric types checked for "
            + checked
            + " attributes; table in "
            + SERVERS.work().resolve("metric-types-table.md"));
    assertTrue(
        checked > 100,
        "both agents' source, channel, sink, interceptor and reporter attributes: " + checked);
    assertTrue(
        typeOf.values().stream().noneMatch("untyped"::equals), "no untyped family:\n" + text);
    for (String identity : List.of(ONE, EVIL)) {
      assertEquals(1, promValue(text, "flume_agent_metric_types_declared", identity, null));
      assertEquals(0, promValue(text, "flume_agent_undeclared_attributes", identity, null));
    }
  }

  /**
   * Every metric the shipped alert rules and Grafana dashboard use is one the collector exports for
   * a real agent of this topology, except the Kafka direct channel's (another topology) and the
   * alert series (only while an alert fires).
   */
  private static void checkShippedNamesExist(String text) throws IOException {
    Path monitoring = MonitoringRulesIT.monitoringDir();
    Set<String> used = new java.util.TreeSet<>();
    for (Path file :
        List.of(
            monitoring.resolve("prometheus/flume-alerts.yml"),
            monitoring.resolve("grafana/flume-agents.json"))) {
      Matcher m = Pattern.compile("\\bflume_[a-z0-9_]*[a-z0-9]").matcher(Files.readString(file));
      while (m.find()) {
        used.add(m.group());
      }
    }
    // flume_interceptor_error is the prefix of a __name__ regex (flume_interceptor_error_.*_total).
    Set<String> otherTopology =
        Set.of("flume_channel_kafka_lag", "flume_channel_kafka_partition_lag", "flume_agent_alert");
    List<String> missing = new ArrayList<>();
    for (String name : used) {
      boolean prefix =
          name.equals("flume_interceptor_error") && text.contains("\nflume_interceptor_error_");
      if (!prefix && !otherTopology.contains(name) && !text.contains("\n" + name + "{")) {
        missing.add(name);
      }
    }
    System.out.println(
        "metric names used by the shipped rules and dashboard: "
            + used.size()
            + ", missing "
            + missing);
    assertEquals(List.of(), missing, "names in monitoring/ that the collector does not export");
  }

  /** The collector's webhook target: keeps every notification it receives, with its alerts. */
  private static final class Webhook implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;
    private final List<JsonNode> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Webhook(com.sun.net.httpserver.HttpServer server) {
      this.server = server;
    }

    static Webhook start() throws IOException {
      com.sun.net.httpserver.HttpServer server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 16);
      Webhook hook = new Webhook(server);
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      server.createContext(
          "/hook",
          exchange -> {
            try (exchange) {
              hook.received.add(json.readTree(exchange.getRequestBody()));
              exchange.sendResponseHeaders(200, -1);
            }
          });
      server.start();
      return hook;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<JsonNode> received() {
      return received;
    }

    /** Every alert notified as firing for {@code identity}. */
    List<JsonNode> firing(String identity) {
      List<JsonNode> out = new ArrayList<>();
      for (JsonNode notification : received) {
        for (JsonNode alert : notification.path("alerts")) {
          if (alert.path("labels").path("identity").asText().equals(identity)
              && alert.path("status").asText().equals("firing")) {
            out.add(alert);
          }
        }
      }
      return out;
    }

    JsonNode await(String identity, String alertname, String status, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (JsonNode notification : received) {
          for (JsonNode alert : notification.path("alerts")) {
            JsonNode labels = alert.path("labels");
            if (labels.path("identity").asText().equals(identity)
                && labels.path("alertname").asText().equals(alertname)
                && alert.path("status").asText().equals(status)) {
              return alert;
            }
          }
        }
        KafkaBroker.sleepQuietly(200);
      }
      throw new AssertionError(
          "no "
              + status
              + " "
              + alertname
              + " for "
              + identity
              + " within "
              + timeout
              + "; received: "
              + received
              + "\ncollector log:\n"
              + collector.logTail(20));
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
