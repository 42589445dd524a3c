package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The README's demo: embedded Kafka + embedded HDFS + a real Flume agent running a config from
 * flume-conf/, sample access logs with a progress display, then what landed in HDFS. Ctrl-C stops
 * everything (agent, broker, HDFS) through a shutdown hook.
 *
 * <p>Options: {@code --lines N} (default 200,000), {@code --hosts N} (20), {@code --pipeline NAME}
 * ({@code ours}: flume-conf/storage-agent.properties; {@code stock-file} for the stock baseline).
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    long lines = 200_000;
    int hosts = 20;
    String pipelineName = "ours";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--lines" -> lines = Long.parseLong(args[i + 1].replace("_", ""));
        case "--hosts" -> hosts = Integer.parseInt(args[i + 1]);
        case "--pipeline" -> pipelineName = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --lines --hosts --pipeline");
      }
    }
    Path work = HarnessPaths.workDir().resolve("demo-" + System.currentTimeMillis());
    Pipeline pipeline = Pipeline.named(pipelineName, work.resolve("pipelines"));
    Resources resources = new Resources();
    Thread hook = new Thread(resources::close, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    System.out.println("accesslog-flume demo: pipeline '" + pipeline.name() + "' (" + pipeline.configFile() + ")");
    System.out.println("work dir " + work);
    System.out.print("starting Kafka (KRaft, own JVM) ... ");
    resources.kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
    System.out.println(resources.kafka.bootstrapServers());
    System.out.print("starting HDFS (MiniDFSCluster) ... ");
    resources.hdfs = MiniHdfs.start(work.resolve("hdfs"));
    System.out.println(resources.hdfs.uri() + "  (NameNode web UI http://" + resources.hdfs.nameNodeHttpAddress() + ")");

    String topic = "access";
    resources.kafka.createTopic(topic, 4);
    AccessLogGenerator generator = new AccessLogGenerator(System.currentTimeMillis(), lines, hosts, 30,
        AccessLogGenerator.hourStartHoursAgo(2), 2, ZoneOffset.UTC);
    KafkaLoader.Loaded loaded = KafkaLoader.produce(resources.kafka.bootstrapServers(), topic, generator,
        new Progress(System.out, "producing access logs", lines));

    System.out.println("starting the Flume agent (own JVM, stock lib/ + our plugins.d/) ...");
    PipelineRun.Figures figures = PipelineRun.run(
        new PipelineRun.Setup(resources.kafka, resources.hdfs, topic, loaded, work, "1g", Duration.ofMinutes(30)),
        pipeline, new Progress(System.out, "agent -> HDFS", lines));

    HdfsReadback.Report report = HdfsReadback.read(resources.hdfs.fileSystem(), "/bench/" + pipeline.name());
    System.out.println();
    System.out.println("landed in " + resources.hdfs.uri() + "/bench/" + pipeline.name() + ":");
    Map<String, long[]> perDir = new TreeMap<>();
    report.files().forEach(f -> {
      String dir = f.path().substring(0, f.path().lastIndexOf('/'));
      long[] sums = perDir.computeIfAbsent(dir, d -> new long[3]);
      sums[0]++;
      sums[1] += f.lines();
      sums[2] += f.bytes();
    });
    int shown = 0;
    System.out.printf(Locale.ROOT, "  %-52s %6s %10s %12s%n", "directory", "files", "lines", "bytes");
    for (Map.Entry<String, long[]> e : perDir.entrySet()) {
      if (shown++ == 12) {
        System.out.printf(Locale.ROOT, "  ... and %d more directories%n", perDir.size() - 12);
        break;
      }
      System.out.printf(Locale.ROOT, "  %-52s %6d %,10d %,12d%n", e.getKey(), e.getValue()[0], e.getValue()[1],
          e.getValue()[2]);
    }
    System.out.printf(Locale.ROOT, "total: %d files in %d directories, %,d lines (%,d produced), %,d bytes gzip, "
        + "ratio %.2f, in-progress files %d%n", report.files().size(), perDir.size(), report.lines(), loaded.lines(),
        report.compressedBytes(), figures.ratio(), report.inProgressFiles().size());
    System.out.println(figures.line());
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
    }
  }
}
