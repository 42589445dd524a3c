package io.accesslog.flume.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where an agent's CPU went, per thread kind: the JIT compilers, the garbage collector, the Kafka
 * consumer, the interceptor stage, the sink, compression and HDFS client threads. Read from {@code
 * /proc/PID/task/TID/stat} (Linux only; empty elsewhere) each time {@link #sample()} runs, keeping
 * the last value seen per thread, so a thread that ends between samples keeps what it used up to
 * the last sample. The benchmark prints it next to {@code cpu_s}: it is the profile that says which
 * part of the CPU per line is per-line work and which is fixed (JIT warm-up) or runtime (GC) cost.
 */
public final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0;

  private final Path task;
  private final Map<String, Long> lastTicks = new HashMap<>(); // tid -> utime + stime
  private final Map<String, String> names = new HashMap<>();
  private Map<String, Long> baseline = Map.of();

  public ThreadCpu(long pid) {
    this.task = Path.of("/proc", Long.toString(pid), "task");
  }

  /** Reads every live thread's CPU ticks. */
  public void sample() {
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(task)) {
      for (Path t : threads) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          // Fields after "(comm) ": state is [0], utime [11], stime [12].
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          String tid = t.getFileName().toString();
          lastTicks.put(tid, ticks);
          names.put(tid, name);
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading: its last sample stands
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone or this is not Linux: keep what was sampled
    }
  }

  /** Marks the start of the measured window: later figures are CPU used after this call. */
  public void startWindow() {
    sample();
    baseline = new HashMap<>(lastTicks);
  }

  /** CPU-seconds per thread kind since {@link #startWindow()}, largest first. */
  public Map<String, Double> byKind() {
    Map<String, Long> ticks = new TreeMap<>();
    lastTicks.forEach(
        (tid, t) ->
            ticks.merge(kind(names.get(tid)), t - baseline.getOrDefault(tid, 0L), Long::sum));
    return ticks.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue() / TICKS_PER_SECOND,
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /** {@code cpu_by_thread=jit:7.1,sink:2.8,...} in CPU-seconds, or {@code cpu_by_thread=n/a}. */
  public String line() {
    Map<String, Double> kinds = byKind();
    if (kinds.isEmpty()) {
      return "cpu_by_thread=n/a";
    }
    return "cpu_by_thread="
        + kinds.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s:%.1f", e.getKey(), e.getValue()))
            .collect(Collectors.joining(","));
  }

  /** The kind of a thread by its (15-character, kernel-truncated) name. */
  static String kind(String name) {
    if (name == null) {
      return "other";
    }
    if (name.startsWith("C1 Compiler")
        || name.startsWith("C2 Compiler")
        || name.startsWith("Sweeper")) {
      return "jit";
    }
    if (name.startsWith("GC Thread")
        || name.startsWith("G1 ")
        || name.equals("VM Thread")
        || name.startsWith("GC ")
        || name.startsWith("Parallel GC")
        || name.startsWith("ZGC")) {
      return "gc";
    }
    if (name.startsWith("ch-kafka")
        || name.startsWith("kafka-")
        || name.startsWith("PollableSource")
        || name.startsWith("src-")) {
      return "kafka-source";
    }
    if (name.startsWith("ch-prepare")) {
      return "interceptor";
    }
    if (name.startsWith("SinkRunner")) {
      return "sink";
    }
    if (name.startsWith("hdfs-compress")) {
      return "compress";
    }
    if (name.startsWith("hdfs-")
        || name.startsWith("IPC ")
        || name.startsWith("DataStreamer")
        || name.startsWith("ResponseProce")
        || name.startsWith("LeaseRenewer")) {
      return "hdfs-calls"; // stock HDFSEventSink: its call runners also compress
    }
    if (name.startsWith("java") || name.startsWith("lifecycleSuper")) {
      return "main+lifecycle";
    }
    return "other";
  }
}
