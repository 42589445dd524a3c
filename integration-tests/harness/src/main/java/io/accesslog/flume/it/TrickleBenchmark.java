package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The "trickle" scenario: many target files each receiving a slow, steady stream of lines, which is
 * where a sink that flushes every touched file in every batch costs the NameNode and DataNodes
 * most. Each pipeline gets the same generated lines produced live at a fixed rate while its agent
 * runs (one pipeline after the other, so NameNode RPCs and CPU belong to one agent); its HDFS
 * client is the hdfs-probe ({@link HdfsProbe}), which counts hflush/hsync calls and the peak of
 * open output streams.
 *
 * <pre>
 * ./benchmark.sh trickle --targets 5000 --rate 3000 --minutes 6 --time-scale 5 --datanodes 2 --pipelines stock-memory,ours
 * </pre>
 *
 * <p>{@code --datanodes N} (N > 1) runs the DataNodes in JVMs of their own ({@link
 * DataNodeProcess}): stock's sink holds one stream per target open, and one DataNode process runs
 * out of file descriptors at about 4,300. {@code --ours key=value} overrides a property of our
 * pipelines after the scaled timers (e.g. {@code a1.sinks.hdfs.append.maxAge=60m}). NameNode write
 * RPCs are printed per method for each pipeline.
 *
 * <p>Timers are divided by {@code --time-scale} on both sides so a run of minutes shows what an
 * hour does: ours {@code member.maxAge} 120 s and {@code append.maxAge} 600 s, stock {@code
 * hdfs.rollInterval} 3600 s (one file per bucket and hour, as an hourly layout needs; {@code
 * idleTimeout} 0). Stock's other sync, one hflush per touched bucket per batch, has no timer to
 * scale. Event times all fall in the hour the pipeline starts in; targets are hosts (one app), so
 * both sides write one file per host and hour.
 */
public final class TrickleBenchmark {
  private static final Duration STALL = Duration.ofMinutes(10);
  private static final long BLOCK_BYTES = 8L << 20;

  private TrickleBenchmark() {}

  /** The figures of one trickle run. */
  public record Figures(
      String pipeline,
      int targets,
      long lines,
      double seconds,
      long outputBytes,
      long nameNodeWriteRpcs,
      HdfsProbe probe,
      int files,
      int targetHours,
      int maxFilesPerTargetHour,
      double cpuSeconds,
      double catchUpSeconds,
      int inProgressFiles,
      boolean verified) {

    /** NameNode write RPCs + hflush/hsync calls. */
    public long writeOps() {
      return nameNodeWriteRpcs + probe.syncCalls();
    }

    public double writeOpsPerGb() {
      return writeOps() / (outputBytes / 1e9);
    }

    public String line() {
      return String.format(
          Locale.ROOT,
          "trickle pipeline=%s targets=%d lines=%d rate_per_s=%.0f output_MB=%.1f nn_write_rpcs=%d hflush=%d "
              + "hsync=%d write_ops=%d write_ops_per_GB=%.0f peak_open_streams=%d creates=%d appends=%d files=%d "
              + "target_hours=%d max_files_per_target_hour=%d cpu_s=%.1f catch_up_s=%.1f probe_complete=%s "
              + "in_progress_left=%d verified=%s",
          pipeline,
          targets,
          lines,
          lines / seconds,
          outputBytes / 1e6,
          nameNodeWriteRpcs,
          probe.hflushes(),
          probe.hsyncs(),
          writeOps(),
          writeOpsPerGb(),
          probe.peakOpen(),
          probe.creates(),
          probe.appends(),
          files,
          targetHours,
          maxFilesPerTargetHour,
          cpuSeconds,
          catchUpSeconds,
          probe.complete(),
          inProgressFiles,
          verified ? "yes" : "NO");
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    Path work = HarnessPaths.workDir().resolve("trickle-" + System.currentTimeMillis());
    long lines = (long) o.rate * o.minutes * 60;
    System.out.printf(
        Locale.ROOT,
        "trickle: %d targets, %,d lines/s for %d min (%,d lines), timers / %d, "
            + "agent -Xmx%s, %d cores; work dir %s%n",
        o.targets,
        o.rate,
        o.minutes,
        lines,
        o.timeScale,
        o.heap,
        Runtime.getRuntime().availableProcessors(),
        work);
    List<Figures> results = new ArrayList<>();
    List<DataNodeProcess> dataNodes = new ArrayList<>();
    try (KafkaBroker kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
        MiniHdfs hdfs = MiniHdfs.start(work.resolve("hdfs"), o.dataNodes > 1 ? 0 : 1)) {
      if (o.dataNodes > 1) {
        for (int i = 0; i < o.dataNodes; i++) {
          dataNodes.add(DataNodeProcess.start(hdfs, work.resolve("datanode-" + i), i));
        }
        hdfs.awaitLiveDataNodes(o.dataNodes, Duration.ofSeconds(90));
        System.out.println("HDFS: " + o.dataNodes + " DataNodes, each in its own JVM");
      }
      for (String name : o.pipelines.split(",")) {
        Pipeline pipeline = Pipeline.named(name.trim(), work.resolve("pipelines"));
        Figures figures = run(kafka, hdfs, pipeline, o, lines, work.resolve(pipeline.name()));
        System.out.println(figures.line());
        results.add(figures);
      }
    } finally {
      dataNodes.forEach(DataNodeProcess::close);
    }
    System.out.println();
    System.out.println("== trickle figures ==");
    results.forEach(f -> System.out.println(f.line()));
    Figures base = results.get(0);
    for (Figures f : results) {
      System.out.printf(
          Locale.ROOT,
          "vs %s: %-14s write ops/GB x%.3f (1/%.1f)  peak open streams %d vs %d  " + "cpu x%.2f%n",
          base.pipeline(),
          f.pipeline(),
          f.writeOpsPerGb() / base.writeOpsPerGb(),
          base.writeOpsPerGb() / f.writeOpsPerGb(),
          f.probe().peakOpen(),
          base.probe().peakOpen(),
          f.cpuSeconds() / base.cpuSeconds());
    }
    if (results.stream().anyMatch(f -> !f.verified())) {
      System.out.println(
          "FAILED: a pipeline did not land exactly the produced lines (verified=NO above)");
      System.exit(1);
    }
  }

  private static Figures run(
      KafkaBroker kafka, MiniHdfs hdfs, Pipeline pipeline, Options o, long lines, Path workDir) {
    String topic = "trickle-" + pipeline.name();
    kafka.createTopic(topic, o.partitions);
    String root = "/trickle/" + pipeline.name();
    Path probeFile = workDir.resolve("hdfs-probe.txt");
    PipelineRun.Setup setup =
        new PipelineRun.Setup(
            kafka, hdfs, topic, null, workDir, o.heap, Duration.ofMinutes(o.minutes + 30L));
    FlumeAgent.Builder builder =
        PipelineRun.agent(setup, pipeline, topic, root, workDir.resolve("agent"))
            .hdfsProbe(probeFile)
            // One DataNode reserves a whole block of disk for every open replica: stock's thousands
            // of open files at
            // 128 MB each would exceed this disk (the DataNode is then "excluded" and every write
            // fails).
            .hadoopSite(
                Map.of(
                    "dfs.blocksize",
                    String.valueOf(BLOCK_BYTES),
                    // MiniDFSCluster confirms a closed block late; the client's first completeFile
                    // retry waits 400 ms
                    // by default, which makes closing thousands of files take many minutes for
                    // either sink.
                    "dfs.client.block.write.locateFollowingBlock.initial.delay.ms",
                    "10"));
    scaledTimers(pipeline, o).forEach(builder::override);
    if (!pipeline.isStock()) {
      o.oursOverrides.forEach(builder::override);
    }
    Map<String, Long> rpcsBefore = hdfs.nameNodeMetrics().writeRpcCounts();
    FlumeAgent agent = builder.start();
    AtomicLong produced = new AtomicLong();
    long hourStart = AccessLogGenerator.hourStartHoursAgo(0);
    AccessLogGenerator generator =
        new AccessLogGenerator(20261122L, lines, o.targets, 1, hourStart, 1, ZoneOffset.UTC);
    long start = System.nanoTime();
    CompletableFuture<KafkaLoader.Loaded> producing =
        CompletableFuture.supplyAsync(
            () ->
                KafkaLoader.produce(
                    kafka.bootstrapServers(),
                    topic,
                    generator,
                    n -> {},
                    line -> produced.incrementAndGet(),
                    o.rate));
    double cpuAtExit;
    double catchUp;
    KafkaLoader.Loaded loaded;
    try {
      long nextReport = System.nanoTime();
      long producedAt = 0;
      long lastDrained = 0;
      long lastProgress = System.nanoTime();
      while (true) {
        agent.process().requireAlive("trickle " + pipeline.name());
        long drained = agent.counter(pipeline.sink(), "EventDrainSuccessCount");
        long now = System.nanoTime();
        if (producing.isDone() && producedAt == 0) {
          producedAt = now;
        }
        if (now >= nextReport) {
          System.out.printf(
              Locale.ROOT,
              "  %s: %4.0f s produced %,d drained %,d%n",
              pipeline.name(),
              (now - start) / 1e9,
              produced.get(),
              drained);
          nextReport = now + 15_000_000_000L;
        }
        if (producing.isDone() && drained >= lines) {
          catchUp = (now - producedAt) / 1e9;
          break;
        }
        if (drained > lastDrained) {
          lastDrained = drained;
          lastProgress = now;
        }
        if (now - start > setup.timeout().toNanos() || now - lastProgress > STALL.toNanos()) {
          throw new IllegalStateException(
              pipeline.name()
                  + " drained only "
                  + drained
                  + " of "
                  + lines
                  + " lines (no progress for "
                  + (now - lastProgress) / 1_000_000_000
                  + " s); agent log tail:\n"
                  + agent.process().logTail(40));
        }
        KafkaBroker.sleepQuietly(500);
      }
      loaded = producing.join();
      cpuAtExit = PipelineRun.terminateMeasuringCpu(agent, Duration.ofMinutes(20));
    } finally {
      agent.stop();
    }
    double seconds = o.minutes * 60.0;
    Map<String, Long> rpcsByMethod =
        new java.util.TreeMap<>(hdfs.nameNodeMetrics().writeRpcCounts());
    rpcsByMethod.replaceAll((method, n) -> n - rpcsBefore.getOrDefault(method, 0L));
    rpcsByMethod.values().removeIf(n -> n == 0);
    long rpcs = rpcsByMethod.values().stream().mapToLong(Long::longValue).sum();
    System.out.println("  " + pipeline.name() + ": NameNode write RPCs by method " + rpcsByMethod);
    Map<Long, Set<String>> filesPerHost = new HashMap<>();
    HdfsReadback.Report report =
        HdfsReadback.read(
            hdfs.fileSystem(),
            root,
            (file, line) -> {
              if (!HdfsReadback.isHidden(
                  file)) { // an in-progress file left by a killed agent is counted, not parsed
                filesPerHost
                    .computeIfAbsent(
                        AccessLogGenerator.AccessLine.hostAndSequence(line)[0],
                        h -> new HashSet<>())
                    .add(file);
              }
            });
    int maxFiles = filesPerHost.values().stream().mapToInt(Set::size).max().orElse(0);
    boolean verified =
        report.digest().sameLinesAs(loaded.digest()) && report.inProgressFiles().isEmpty();
    if (System.currentTimeMillis() - hourStart > Duration.ofMinutes(65).toMillis()) {
      System.out.println(
          "  note: the run passed the close minute of its event hour; files per target-hour "
              + "may count the hour's close");
    }
    return new Figures(
        pipeline.name(),
        o.targets,
        lines,
        seconds,
        report.compressedBytes(),
        rpcs,
        HdfsProbe.read(probeFile),
        report.files().size(),
        filesPerHost.size(),
        maxFiles,
        cpuAtExit,
        catchUp,
        report.inProgressFiles().size(),
        verified);
  }

  /** Each side's hour-scale timers divided by the time scale. */
  static Map<String, String> scaledTimers(Pipeline pipeline, Options o) {
    Map<String, String> overrides = new HashMap<>();
    String sink = "a1.sinks.hdfs.";
    if (pipeline.isStock()) {
      overrides.put(sink + "hdfs.rollInterval", String.valueOf(3600 / o.timeScale));
      overrides.put(sink + "hdfs.idleTimeout", "0");
      overrides.put(sink + "hdfs.maxOpenFiles", String.valueOf(Math.max(5000, 2 * o.targets)));
    } else {
      overrides.put(sink + "member.maxAge", (120_000 / o.timeScale) + "ms");
      overrides.put(sink + "append.maxAge", (600_000 / o.timeScale) + "ms");
    }
    return overrides;
  }

  static final class Options {
    int targets = 5000;
    int rate = 3000;
    int minutes = 6;
    int timeScale = 5;
    int partitions = 4;
    int dataNodes = 1;
    String heap = "2g";
    String pipelines = "stock-memory,ours";
    final Map<String, String> oursOverrides = new java.util.LinkedHashMap<>();

    static Options parse(String[] args) {
      Options o = new Options();
      Map<String, Consumer<String>> handlers = new HashMap<>();
      handlers.put("--targets", v -> o.targets = Integer.parseInt(v));
      handlers.put("--rate", v -> o.rate = Integer.parseInt(v));
      handlers.put("--minutes", v -> o.minutes = Integer.parseInt(v));
      handlers.put("--time-scale", v -> o.timeScale = Integer.parseInt(v));
      handlers.put("--partitions", v -> o.partitions = Integer.parseInt(v));
      handlers.put("--heap", v -> o.heap = v);
      handlers.put("--datanodes", v -> o.dataNodes = Integer.parseInt(v));
      handlers.put(
          "--ours",
          v -> {
            String[] kv = CommandLine.keyValue("--ours", v);
            o.oursOverrides.put(kv[0], kv[1]);
          });
      handlers.put("--pipelines", v -> o.pipelines = v);
      CommandLine.parse(args, handlers);
      return o;
    }
  }
}
