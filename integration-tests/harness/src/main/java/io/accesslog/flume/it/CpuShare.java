package io.accesslog.flume.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Who used the machine's CPU during a measured window: the agent, the rest of the test bed (the
 * Kafka broker JVM and this JVM, which hosts the MiniDFSCluster) and everything else on the machine
 * (other builds, an IDE: contention that makes a pipeline look slower than it is). Read from {@code
 * /proc/stat} (all CPUs, busy = everything but idle and iowait) and per-process CPU times; Linux
 * only, NaN elsewhere.
 */
public final class CpuShare {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** USER_HZ: /proc/stat counts in 1/100 s on every Linux we run on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final FlumeAgent agent;
  private final KafkaBroker kafka;
  private Sample start;

  private record Sample(long nanos, double machineBusy, double agent, double testBed) {}

  /** What the window held, in CPU-seconds and in cores (CPU-seconds per wall second). */
  public record Window(double seconds, double machineBusy, double agent, double testBed) {
    public double others() {
      return Math.max(0, machineBusy - agent - testBed);
    }

    /** Cores used by processes outside the test bed, on average over the window. */
    public double otherCores() {
      return seconds > 0 ? others() / seconds : Double.NaN;
    }

    public String line() {
      return String.format(
          Locale.ROOT,
          "testbed_cores=%.2f other_cores=%.2f",
          seconds > 0 ? testBed / seconds : Double.NaN,
          otherCores());
    }
  }

  public CpuShare(FlumeAgent agent, KafkaBroker kafka) {
    this.agent = agent;
    this.kafka = kafka;
  }

  /** Marks the start of the window (the first committed event). */
  public void start() {
    start = sample();
  }

  /** The window from {@link #start()} to now; call it while the agent still runs. */
  public Window stop() {
    Sample end = sample();
    if (start == null) {
      return new Window(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Window(
        (end.nanos - start.nanos) / 1e9,
        end.machineBusy - start.machineBusy,
        end.agent - start.agent,
        end.testBed - start.testBed);
  }

  private Sample sample() {
    double testBed = kafka.process().cpuSeconds() + ownCpuSeconds();
    return new Sample(
        System.nanoTime(), machineBusySeconds(), agent.process().cpuSeconds(), testBed);
  }

  private static double ownCpuSeconds() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  /** Busy CPU-seconds of all CPUs since boot (the first line of /proc/stat). */
  static double machineBusySeconds() {
    try {
      String first = Files.readAllLines(PROC_STAT).get(0);
      return busyTicks(first) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** "cpu user nice system idle iowait irq softirq steal ...": everything but idle and iowait. */
  static long busyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length && i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return busy;
  }
}
