package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs named pipelines through real agent JVMs over the SAME generated data in ONE invocation and
 * prints one figures line per pipeline, then ratios against the first pipeline.
 *
 * <pre>
 * ./benchmark.sh --lines 2000000 --hosts 100 --pipelines stock-file,stock-memory,ours
 * </pre>
 *
 * Options: {@code --lines N} (default 1,000,000), {@code --hosts N} web servers = Kafka keys =
 * stock buckets (100), {@code --apps N} (1: stock buckets by key and hour only, so with one app
 * both sides write the same hosts x hours target files), {@code --hours N} event hours (2), {@code
 * --partitions N} (100), {@code --heap SIZE} agent -Xmx (1g), {@code --timeout-min N} per pipeline
 * (60), {@code --pipelines a,b} (stock-file,stock-memory,ours; see {@link Pipeline#all}; {@code
 * NAME@CPUS} pins that pipeline's agent to CPUs, e.g. {@code stock-memory@0}), {@code --runs N}
 * runs of each pipeline over the same topic, each reported, the median run (by events/s) used for
 * the figures and ratios (1), {@code --agent-hadoop key=value} a Hadoop client setting for every
 * agent (repeatable), {@code --ours key=value} a property override for our pipelines only
 * (repeatable).
 *
 * <p>Source-only mode: {@code --pipelines source-stock,source-ours} runs stock KafkaSource and our
 * source into a MemoryChannel with a null sink over the same topic; events/s is the source's
 * committed events (nothing is written to HDFS, so files, RPCs and output bytes are 0; verified =
 * the sink drained every line).
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path work = HarnessPaths.workDir().resolve("benchmark-" + System.currentTimeMillis());
    System.out.printf(
        Locale.ROOT,
        "benchmark: %,d lines, %d hosts, %d apps, %d hours, %d partitions, agent -Xmx%s, "
            + "%d cores; work dir %s%n",
        o.lines,
        o.hosts,
        o.apps,
        o.hours,
        o.partitions,
        o.heap,
        Runtime.getRuntime().availableProcessors(),
        work);
    List<Pipeline> pipelines = new ArrayList<>();
    for (String name : o.pipelines.split(",")) {
      pipelines.add(Pipeline.named(name.trim(), work.resolve("pipelines")));
    }
    boolean verified;
    try (KafkaBroker kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
        MiniHdfs hdfs = MiniHdfs.start(work.resolve("hdfs"))) {
      String topic = "access";
      kafka.createTopic(topic, o.partitions);
      AccessLogGenerator generator =
          new AccessLogGenerator(
              20261122L,
              o.lines,
              o.hosts,
              o.apps,
              AccessLogGenerator.hourStartHoursAgo(o.hours + 1),
              o.hours,
              ZoneOffset.UTC);
      KafkaLoader.Loaded loaded =
          KafkaLoader.produce(
              kafka.bootstrapServers(),
              topic,
              generator,
              new Progress(System.out, "producing to Kafka", o.lines));
      PipelineRun.Setup setup =
          new PipelineRun.Setup(
              kafka,
              hdfs,
              topic,
              loaded,
              work,
              o.heap,
              Duration.ofMinutes(o.timeoutMinutes),
              o.agentHadoop,
              o.oursOverrides);
      List<PipelineRun.Figures> results = new ArrayList<>();
      List<PipelineRun.Figures> all = new ArrayList<>();
      for (Pipeline pipeline : pipelines) {
        List<PipelineRun.Figures> runs = new ArrayList<>();
        for (int run = 1; run <= o.runs; run++) {
          PipelineRun.Figures figures =
              PipelineRun.run(
                  setup,
                  pipeline,
                  new Progress(
                      System.out,
                      "draining " + pipeline.name() + (o.runs > 1 ? " run " + run : ""),
                      o.lines),
                  run);
          System.out.println(figures.line());
          runs.add(figures);
        }
        all.addAll(runs);
        results.add(median(runs));
      }
      if (o.runs > 1) {
        System.out.println();
        System.out.println(
            "== every run ("
                + o.runs
                + " per pipeline; the figures below are each pipeline's median run by "
                + "events/s) ==");
        all.forEach(f -> System.out.println(f.line()));
      }
      System.out.println();
      System.out.println("== figures ==");
      results.forEach(f -> System.out.println(f.line()));
      PipelineRun.Figures base = results.get(0);
      for (PipelineRun.Figures f : results) {
        System.out.printf(
            Locale.ROOT,
            "vs %s: %-16s events/s x%.2f  second half x%.2f  cpu/M lines x%.2f  "
                + "second-half cpu/M x%.2f  output bytes x%.2f  nn write rpcs x%.2f%n",
            base.pipeline(),
            f.pipeline(),
            f.eventsPerSecond() / base.eventsPerSecond(),
            f.sustainedPerSecond() / base.sustainedPerSecond(),
            f.cpuSecondsPerMillionLines() / base.cpuSecondsPerMillionLines(),
            f.secondHalfCpuSecondsPerMillionLines() / base.secondHalfCpuSecondsPerMillionLines(),
            (double) f.outputBytes() / base.outputBytes(),
            (double) f.nameNodeWriteRpcs() / Math.max(1, base.nameNodeWriteRpcs()));
      }
      verified = results.stream().allMatch(f -> f.verified());
    }
    System.out.printf(
        Locale.ROOT,
        "deleted the servers' data (%.1f GB) from the work dir; logs kept%n",
        HarnessPaths.deleteServerData(work) / 1e9);
    if (!verified) {
      System.out.println(
          "FAILED: a pipeline did not land exactly the produced lines (verified=NO above)");
      System.exit(1);
    }
  }

  /**
   * The run with the median events/s (the lower middle one for an even count): one whole run's
   * figures.
   */
  static PipelineRun.Figures median(List<PipelineRun.Figures> runs) {
    List<PipelineRun.Figures> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(PipelineRun.Figures::eventsPerSecond));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static final class Options {
    long lines = 1_000_000;
    int hosts = 100;
    int apps = 1;
    int hours = 2;
    // About one partition per host, as a keyed production topic has (BENCHMARKS.md: stock's speed
    // does not
    // measurably depend on it, its files are 11 % smaller with it).
    int partitions = 100;
    int runs = 1;
    String heap = "1g";
    long timeoutMinutes = 60;
    String pipelines = "stock-file,stock-memory,ours";

    final Map<String, String> agentHadoop = new LinkedHashMap<>();
    final Map<String, String> oursOverrides = new LinkedHashMap<>();

    static Options parse(String[] args) {
      Options o = new Options();
      Map<String, Consumer<String>> handlers = new LinkedHashMap<>();
      handlers.put("--lines", v -> o.lines = Long.parseLong(v));
      handlers.put("--hosts", v -> o.hosts = Integer.parseInt(v));
      handlers.put("--apps", v -> o.apps = Integer.parseInt(v));
      handlers.put("--hours", v -> o.hours = Integer.parseInt(v));
      handlers.put("--partitions", v -> o.partitions = Integer.parseInt(v));
      handlers.put(
          "--runs",
          v -> {
            o.runs = Integer.parseInt(v);
            if (o.runs < 1) {
              throw new IllegalArgumentException("--runs must be at least 1, was " + v);
            }
          });
      handlers.put("--heap", v -> o.heap = v);
      handlers.put("--timeout-min", v -> o.timeoutMinutes = Long.parseLong(v));
      handlers.put("--pipelines", v -> o.pipelines = v);
      handlers.put(
          "--agent-hadoop",
          v -> {
            String[] kv = CommandLine.keyValue("--agent-hadoop", v);
            o.agentHadoop.put(kv[0], kv[1]);
          });
      handlers.put(
          "--ours",
          v -> {
            String[] kv = CommandLine.keyValue("--ours", v);
            o.oursOverrides.put(kv[0], kv[1]);
          });
      CommandLine.parse(args, handlers);
      return o;
    }
  }
}
