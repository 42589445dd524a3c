package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * Runs one {@link Pipeline} in a real agent over a topic that already holds the data, measures it,
 * stops the agent gracefully and reads HDFS back.
 *
 * <p>Throughput is taken between the first and the last committed event (the sink's {@code
 * EventDrainSuccessCount}), so JVM start-up and the final close are not counted as speed. CPU is
 * counted from the first committed event until the agent exits after SIGTERM (sampled every 50 ms),
 * so work a sink defers to its stop (closing files, flushing buffers) is paid for; so are NameNode
 * write RPCs and files.
 */
public final class PipelineRun {
  private PipelineRun() {}

  /** The figures of one run. {@code verified}: HDFS holds exactly the produced lines. */
  public record Figures(
      String pipeline,
      long lines,
      double drainSeconds,
      double totalSeconds,
      double cpuSeconds,
      long peakHeapBytes,
      long peakAfterGcBytes,
      int files,
      long nameNodeWriteRpcs,
      long inputBytes,
      long outputBytes,
      boolean verified,
      int inProgressFiles,
      double secondHalfPerSecond,
      CpuShare.Window cpuShare,
      double secondHalfCpuSeconds,
      String cpuByThread) {

    public double eventsPerSecond() {
      return drainSeconds > 0 ? lines / drainSeconds : Double.NaN;
    }

    /**
     * Sustained rate: events/s over the second half of the drain (the backlog past every buffer).
     */
    public double sustainedPerSecond() {
      return secondHalfPerSecond;
    }

    public double cpuSecondsPerMillionLines() {
      return cpuSeconds / (lines / 1e6);
    }

    /**
     * Sustained CPU per line: agent CPU over the second half of the drain, per million of its
     * lines.
     */
    public double secondHalfCpuSecondsPerMillionLines() {
      return secondHalfCpuSeconds / (lines / 2e6);
    }

    public double ratio() {
      return outputBytes > 0 ? (double) inputBytes / outputBytes : Double.NaN;
    }

    /** One line, key=value, for logs and BENCHMARKS.md. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "pipeline=%s lines=%d events_per_s=%.0f second_half_per_s=%.0f drain_s=%.1f to_exit_s=%.1f cpu_s=%.1f "
              + "cpu_s_per_M_lines=%.2f second_half_cpu_s_per_M=%.2f %s "
              + "peak_heap_MB=%d live_after_gc_MB=%d files=%d nn_write_rpcs=%d input_MB=%.1f output_MB=%.1f ratio=%.2f verified=%s"
              + " %s",
          pipeline,
          lines,
          eventsPerSecond(),
          secondHalfPerSecond,
          drainSeconds,
          totalSeconds,
          cpuSeconds,
          cpuSecondsPerMillionLines(),
          secondHalfCpuSecondsPerMillionLines(),
          cpuShare.line(),
          peakHeapBytes >> 20,
          peakAfterGcBytes >> 20,
          files,
          nameNodeWriteRpcs,
          inputBytes / 1e6,
          outputBytes / 1e6,
          ratio(),
          verified ? "yes" : "NO(in-progress=" + inProgressFiles + ")",
          cpuByThread);
    }
  }

  /** The servers and data a run uses. */
  public record Setup(
      KafkaBroker kafka,
      MiniHdfs hdfs,
      String topic,
      KafkaLoader.Loaded loaded,
      Path workDir,
      String heap,
      Duration timeout,
      Map<String, String> agentHadoop,
      Map<String, String> oursOverrides) {

    public Setup(
        KafkaBroker kafka,
        MiniHdfs hdfs,
        String topic,
        KafkaLoader.Loaded loaded,
        Path workDir,
        String heap,
        Duration timeout) {
      this(kafka, hdfs, topic, loaded, workDir, heap, timeout, Map.of(), Map.of());
    }
  }

  /**
   * An agent for {@code pipeline} reading {@code topic} (a fresh group) and writing under {@code
   * root}.
   */
  static FlumeAgent.Builder agent(
      Setup setup, Pipeline pipeline, String topic, String root, Path workDir) {
    FlumeAgent.Builder builder =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(pipeline.configFile())
            .workDir(workDir)
            .heap(setup.heap())
            .env(setup.kafka().env())
            .env(setup.hdfs().env())
            .hadoopSite(setup.hdfs().clientSite())
            .env("KAFKA_TOPIC", topic)
            .env("KAFKA_GROUP_ID", "bench-" + pipeline.name() + "-" + System.currentTimeMillis())
            .env("HDFS_ROOT", root)
            .hadoopSite(setup.agentHadoop())
            .expect(pipeline.components().toArray(new String[0]));
    pipeline.overrides().forEach(builder::override);
    if (pipeline.cpus() != null) {
      builder.cpus(pipeline.cpus());
    }
    if (!pipeline.isStock()) {
      setup.oursOverrides().forEach(builder::override);
    }
    return builder;
  }

  /**
   * SIGTERM, then the agent's CPU seconds as last sampled before it exited (sampled every 50 ms, so
   * the work a sink does at stop is counted).
   */
  static double terminateMeasuringCpu(FlumeAgent agent) {
    return terminateMeasuringCpu(agent, Duration.ofMinutes(3));
  }

  static double terminateMeasuringCpu(FlumeAgent agent, Duration bound) {
    return terminateMeasuringCpu(agent, bound, null);
  }

  private static double terminateMeasuringCpu(FlumeAgent agent, Duration bound, ThreadCpu threads) {
    double lastCpu = agent.process().cpuSeconds();
    agent.process().terminate();
    long stopDeadline = System.nanoTime() + bound.toNanos();
    while (agent.process().isAlive() && System.nanoTime() < stopDeadline) {
      if (threads != null) {
        threads.sample();
      }
      double cpu = agent.process().cpuSeconds();
      if (!Double.isNaN(cpu)) {
        lastCpu = cpu;
      }
      KafkaBroker.sleepQuietly(50);
    }
    return lastCpu;
  }

  public static Figures run(Setup setup, Pipeline pipeline, LongConsumer progress) {
    return run(setup, pipeline, progress, UnaryOperator.identity());
  }

  /**
   * Run {@code run} (from 1) of several of {@code pipeline}: its own HDFS root and work directory.
   */
  public static Figures run(Setup setup, Pipeline pipeline, LongConsumer progress, int run) {
    return run(setup, pipeline, progress, UnaryOperator.identity(), run <= 1 ? "" : "-run" + run);
  }

  /**
   * As {@link #run(Setup, Pipeline, LongConsumer)}, with {@code customize} applied to the agent
   * before it starts.
   */
  public static Figures run(
      Setup setup,
      Pipeline pipeline,
      LongConsumer progress,
      UnaryOperator<FlumeAgent.Builder> customize) {
    return run(setup, pipeline, progress, customize, "");
  }

  private static Figures run(
      Setup setup,
      Pipeline pipeline,
      LongConsumer progress,
      UnaryOperator<FlumeAgent.Builder> customize,
      String runSuffix) {
    String root = "/bench/" + pipeline.name() + runSuffix;
    long rpcsBefore = setup.hdfs().nameNodeMetrics().totalWriteRpcs();
    long total = setup.loaded().lines();
    FlumeAgent agent =
        customize
            .apply(
                agent(
                    setup,
                    pipeline,
                    setup.topic(),
                    root,
                    setup.workDir().resolve(pipeline.name() + runSuffix)))
            .start();
    long firstNanos = 0;
    double firstCpu = 0;
    long firstCount = 0;
    long halfNanos = 0;
    long halfCount = 0;
    long lastNanos = 0;
    double lastCpu = 0;
    long exitNanos;
    long sinkDrained = 0;
    double halfCpu = 0;
    CpuShare share = new CpuShare(agent, setup.kafka());
    ThreadCpu threads = new ThreadCpu(agent.process().pid());
    CpuShare.Window window;
    try {
      long deadline = System.nanoTime() + setup.timeout().toNanos();
      while (true) {
        agent.process().requireAlive("draining " + total + " lines");
        long drained = agent.counter(pipeline.progressComponent(), pipeline.progressCounter());
        long now = System.nanoTime();
        double cpu = agent.process().cpuSeconds();
        threads.sample();
        if (drained > 0 && firstNanos == 0) {
          threads.startWindow();
          share.start();
          firstNanos = now;
          firstCpu = cpu;
          firstCount = drained;
        }
        progress.accept(drained);
        if (halfNanos == 0 && drained >= total / 2) {
          halfNanos = now;
          halfCount = drained;
          halfCpu = cpu;
        }
        if (drained >= total) {
          lastNanos = now;
          break;
        }
        if (now > deadline) {
          throw new IllegalStateException(
              pipeline.name()
                  + " drained only "
                  + drained
                  + " of "
                  + total
                  + " lines in "
                  + setup.timeout().toSeconds()
                  + " s; agent log tail:\n"
                  + agent.process().logTail(40));
        }
        KafkaBroker.sleepQuietly(100);
      }
      window = share.stop();
      if (!pipeline.hdfsOutput()) {
        sinkDrained = awaitSinkDrained(agent, pipeline, total);
      }
      lastCpu = terminateMeasuringCpu(agent, Duration.ofMinutes(3), threads);
      exitNanos = System.nanoTime();
    } finally {
      agent.stop();
    }
    long rpcs = setup.hdfs().nameNodeMetrics().totalWriteRpcs() - rpcsBefore;
    // The first sample already holds one committed batch: measure the rate over what came after it.
    long measuredLines = total - firstCount;
    double seconds = (lastNanos - firstNanos) / 1e9;
    double scaledSeconds = measuredLines > 0 ? seconds * total / measuredLines : Double.NaN;
    double cpu = lastCpu - firstCpu;
    double toExit = (exitNanos - firstNanos) / 1e9;
    double secondHalf =
        lastNanos > halfNanos ? (total - halfCount) / ((lastNanos - halfNanos) / 1e9) : Double.NaN;
    long inputBytes = setup.loaded().digest().bytes() + total;
    long peakHeap = GcLog.peakHeapBytes(agent.gcLog());
    if (!pipeline.hdfsOutput()) {
      // Nothing stored: verified means the source committed every record once and the sink drained
      // them all.
      return new Figures(
          pipeline.name(),
          total,
          scaledSeconds,
          toExit,
          cpu,
          peakHeap,
          GcLog.peakAfterGcBytes(agent.gcLog()),
          0,
          rpcs,
          inputBytes,
          0,
          sinkDrained == total,
          0,
          secondHalf,
          window,
          lastCpu - halfCpu,
          threads.line());
    }
    HdfsReadback.Report report = HdfsReadback.read(setup.hdfs().fileSystem(), root);
    boolean verified =
        report.digest().sameLinesAs(setup.loaded().digest()) && report.inProgressFiles().isEmpty();
    long peakAfterGc = GcLog.peakAfterGcBytes(agent.gcLog());
    return new Figures(
        pipeline.name(),
        total,
        scaledSeconds,
        toExit,
        cpu,
        peakHeap,
        peakAfterGc,
        report.files().size(),
        rpcs,
        inputBytes,
        report.compressedBytes(),
        verified,
        report.inProgressFiles().size(),
        secondHalf,
        window,
        lastCpu - halfCpu,
        threads.line());
  }

  /**
   * Events the sink took from the channel in committed transactions (the channel's
   * EventTakeSuccessCount: the null sink reports no counters) once they reach {@code total}, or
   * after 60 s whatever they are.
   */
  private static long awaitSinkDrained(FlumeAgent agent, Pipeline pipeline, long total) {
    String channel =
        pipeline.components().stream()
            .filter(c -> c.startsWith("CHANNEL."))
            .findFirst()
            .orElseThrow();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long drained;
    while ((drained = agent.counter(channel, "EventTakeSuccessCount")) < total
        && System.nanoTime() < deadline) {
      KafkaBroker.sleepQuietly(100);
    }
    return drained;
  }
}
