package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The README's demo: embedded Kafka + embedded HDFS + the metrics collector with its dashboard + a
 * real Flume agent running a config from flume-conf/ and pushing its counters to the collector;
 * sample access logs with a progress display, then what landed in HDFS and where to look. Ctrl-C
 * stops everything (agent, collector, broker, HDFS) through a shutdown hook.
 *
 * <p>Options: {@code --lines N} (default 200,000), {@code --hosts N} (20), {@code --pipeline NAME}
 * ({@code ours}: flume-conf/storage-direct.properties, the default; {@code ours-filechannel};
 * {@code stock-file} for the stock baseline), {@code --hold-minutes N} (0: keep HDFS and the
 * dashboard up N minutes after the run).
 */
public final class Demo {
  private static final String REPORTER = "io.accesslog.flume.metrics.PushReporter";

  private Demo() {}

  public static void main(String[] args) {
    long[] lines = {200_000};
    int[] hosts = {20};
    String[] pipelineName = {"ours"};
    int[] holdMinutes = {0};
    CommandLine.parse(
        args,
        Map.of(
            "--lines", v -> lines[0] = Long.parseLong(v),
            "--hosts", v -> hosts[0] = Integer.parseInt(v),
            "--pipeline", v -> pipelineName[0] = v,
            "--hold-minutes", v -> holdMinutes[0] = Integer.parseInt(v)));
    Path work = HarnessPaths.workDir().resolve("demo-" + System.currentTimeMillis());
    Pipeline pipeline = Pipeline.named(pipelineName[0], work.resolve("pipelines"));
    Resources resources = new Resources();
    Thread hook = new Thread(resources::close, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    System.out.println(
        "accesslog-flume demo: pipeline '" + pipeline.name() + "' (" + pipeline.configFile() + ")");
    System.out.println("work dir " + work);
    System.out.print("starting the metrics collector (own JVM) ... ");
    resources.collector =
        MetricsCollectorProcess.start(work.resolve("collector"), "--refresh", "2s");
    String dashboard = resources.collector.baseUrl() + "/";
    System.out.println("dashboard " + dashboard);
    System.out.print("starting Kafka (KRaft, own JVM) ... ");
    resources.kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
    System.out.println(resources.kafka.bootstrapServers());
    System.out.print("starting HDFS (MiniDFSCluster) ... ");
    resources.hdfs = MiniHdfs.start(work.resolve("hdfs"));
    System.out.println(
        resources.hdfs.uri()
            + "  (NameNode web UI http://"
            + resources.hdfs.nameNodeHttpAddress()
            + ")");

    String topic = "access";
    resources.kafka.createTopic(topic, 4);
    long total = lines[0];
    AccessLogGenerator generator =
        new AccessLogGenerator(
            System.currentTimeMillis(),
            total,
            hosts[0],
            30,
            AccessLogGenerator.hourStartHoursAgo(2),
            2,
            ZoneOffset.UTC);
    KafkaLoader.Loaded loaded =
        KafkaLoader.produce(
            resources.kafka.bootstrapServers(),
            topic,
            generator,
            new Progress(System.out, "producing access logs", total));

    String identity = "demo/" + pipeline.name();
    System.out.println(
        "starting the Flume agent (own JVM, stock lib/ + our plugins.d/), reporting as '"
            + identity
            + "' to "
            + dashboard
            + " ...");
    PipelineRun.Figures figures =
        PipelineRun.run(
            new PipelineRun.Setup(
                resources.kafka, resources.hdfs, topic, loaded, work, "1g", Duration.ofMinutes(30)),
            pipeline,
            new Progress(System.out, "agent -> HDFS", total),
            agent ->
                agent
                    .monitoring(
                        REPORTER,
                        Map.of(
                            "url",
                            resources.collector.reportUrl(),
                            "interval",
                            "1s",
                            "identity",
                            identity))
                    .expect("OTHER.metricsReporter"));

    HdfsReadback.Report report =
        HdfsReadback.read(resources.hdfs.fileSystem(), "/bench/" + pipeline.name());
    System.out.println();
    System.out.println("landed in " + resources.hdfs.uri() + "/bench/" + pipeline.name() + ":");
    Map<String, long[]> perDir = new TreeMap<>();
    report
        .files()
        .forEach(
            f -> {
              String dir = f.path().substring(0, f.path().lastIndexOf('/'));
              long[] sums = perDir.computeIfAbsent(dir, d -> new long[3]);
              sums[0]++;
              sums[1] += f.lines();
              sums[2] += f.bytes();
            });
    int shown = 0;
    System.out.printf(
        Locale.ROOT, "  %-52s %6s %10s %12s%n", "directory", "files", "lines", "bytes");
    for (Map.Entry<String, long[]> e : perDir.entrySet()) {
      if (shown++ == 12) {
        System.out.printf(Locale.ROOT, "  ... and %d more directories%n", perDir.size() - 12);
        break;
      }
      System.out.printf(
          Locale.ROOT,
          "  %-52s %6d %,10d %,12d%n",
          e.getKey(),
          e.getValue()[0],
          e.getValue()[1],
          e.getValue()[2]);
    }
    System.out.printf(
        Locale.ROOT,
        "total: %d files in %d directories, %,d lines (%,d produced), %,d bytes gzip, "
            + "ratio %.2f, in-progress files %d%n",
        report.files().size(),
        perDir.size(),
        report.lines(),
        loaded.lines(),
        report.compressedBytes(),
        figures.ratio(),
        report.inProgressFiles().size());
    System.out.println(figures.line());
    System.out.println(
        "files: hdfs dfs -ls -R "
            + resources.hdfs.uri()
            + "/bench/"
            + pipeline.name()
            + "   (HDFS data dir "
            + work.resolve("hdfs")
            + ")");
    com.fasterxml.jackson.databind.JsonNode seen = resources.collector.agent(identity);
    System.out.println(
        "collector: "
            + (seen == null
                ? "no report from the agent"
                : "agent '"
                    + identity
                    + "' status "
                    + seen.path("status").asText()
                    + ", "
                    + seen.path("series").size()
                    + " report intervals in its window"));
    System.out.println(
        "dashboard: "
            + dashboard
            + "   (agent '"
            + identity
            + "'; JSON "
            + resources.collector.baseUrl()
            + "/api/agents, Prometheus "
            + resources.collector.baseUrl()
            + "/metrics)");
    if (holdMinutes[0] > 0) {
      System.out.println(
          "holding HDFS and the dashboard up for "
              + holdMinutes[0]
              + " min (Ctrl-C stops earlier)");
      KafkaBroker.sleepQuietly(Duration.ofMinutes(holdMinutes[0]).toMillis());
    }
    resources.close();
    Runtime.getRuntime().removeShutdownHook(hook);
    if (!figures.verified()) {
      System.out.println("demo FAILED: HDFS does not hold exactly the produced lines");
      System.exit(1);
    }
    System.out.println("demo OK: every produced line is in HDFS exactly once");
  }

  /** What the demo started, closed once from the main thread or the Ctrl-C hook. */
  private static final class Resources {
    private final AtomicBoolean closed = new AtomicBoolean();
    volatile KafkaBroker kafka;
    volatile MiniHdfs hdfs;
    volatile MetricsCollectorProcess collector;

    void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (hdfs != null) {
        hdfs.close();
      }
      if (kafka != null) {
        kafka.close();
      }
      if (collector != null) {
        collector.close();
      }
    }
  }
}
