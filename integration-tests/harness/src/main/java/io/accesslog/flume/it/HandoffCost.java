package io.accesslog.flume.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * What one thread hand-off per event costs on this machine: the stock HDFS sink runs every {@code
 * BucketWriter.append} through {@code callWithTimeout}, i.e. it submits each event to its
 * call-runner pool and waits for the future. This measures that pattern alone (submit a small task,
 * wait for it), next to the same task run inline, first with the other cores idle and then with one
 * busy spinning thread per other core, and prints wall and CPU microseconds per event (CPU of the
 * two threads involved).
 *
 * <p>Run: {@code integration-tests/run-harness.sh HandoffCost [--events N]}. On a VM, waking a
 * thread that sleeps on an idle virtual CPU is much dearer than on a busy one; that is why the
 * stock pipeline's CPU per line depends on what else runs (see BENCHMARKS.md, "The stock
 * baseline").
 */
public final class HandoffCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private HandoffCost() {}

  /** One mode's figures: per event, wall and CPU (caller + worker) in microseconds. */
  record Result(String mode, double wallMicros, double cpuMicros) {
    String line() {
      return String.format(
          Locale.ROOT,
          "handoff mode=%-22s wall_us_per_event=%6.2f cpu_us_per_event=%6.2f",
          mode,
          wallMicros,
          cpuMicros);
    }
  }

  public static void main(String[] args) throws Exception {
    int events = 400_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--events")) {
        events = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i] + " (allowed: --events N)");
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "handoff: %,d events per mode, %d cores; task = CRC32 of 512 bytes%n",
        events,
        cores);
    // warm-up, not printed
    measure("warm-up", events / 4, false, 0);
    measure("warm-up", events / 4, true, 0);
    List<Result> results = new ArrayList<>();
    results.add(measure("inline, idle cores", events, false, 0));
    results.add(measure("handoff, idle cores", events, true, 0));
    results.add(measure("inline, busy cores", events, false, Math.max(1, cores - 1)));
    results.add(measure("handoff, busy cores", events, true, Math.max(1, cores - 1)));
    results.forEach(r -> System.out.println(r.line()));
    Result idle = results.get(1);
    Result busy = results.get(3);
    System.out.printf(
        Locale.ROOT,
        "handoff cost over inline: idle cores %.2f us CPU, busy cores %.2f us CPU per event%n",
        idle.cpuMicros - results.get(0).cpuMicros,
        busy.cpuMicros - results.get(2).cpuMicros);
  }

  static Result measure(String mode, int events, boolean handoff, int spinners) throws Exception {
    AtomicBoolean spinning = new AtomicBoolean(true);
    List<Thread> spinThreads = new ArrayList<>();
    AtomicLong sink = new AtomicLong();
    for (int i = 0; i < spinners; i++) {
      Thread t =
          new Thread(
              () -> {
                long x = 1;
                while (spinning.get()) {
                  x = x * 6364136223846793005L + 1442695040888963407L;
                }
                sink.addAndGet(x);
              },
              "spinner-" + i);
      t.setDaemon(true);
      t.start();
      spinThreads.add(t);
    }
    ExecutorService pool =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "handoff-worker");
              t.setDaemon(true);
              return t;
            });
    try {
      byte[] payload = new byte[512];
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) i;
      }
      long[] workerId = new long[1];
      pool.submit(() -> workerId[0] = Thread.currentThread().getId()).get();
      long caller = Thread.currentThread().getId();
      long cpu0 = THREADS.getThreadCpuTime(caller) + THREADS.getThreadCpuTime(workerId[0]);
      long t0 = System.nanoTime();
      long acc = 0;
      for (int i = 0; i < events; i++) {
        if (handoff) {
          Future<Long> f = pool.submit(() -> crc(payload));
          acc += f.get(60, TimeUnit.SECONDS);
        } else {
          acc += crc(payload);
        }
      }
      long wall = System.nanoTime() - t0;
      long cpu = THREADS.getThreadCpuTime(caller) + THREADS.getThreadCpuTime(workerId[0]) - cpu0;
      sink.addAndGet(acc);
      return new Result(mode, wall / 1e3 / events, cpu / 1e3 / events);
    } finally {
      pool.shutdownNow();
      spinning.set(false);
      for (Thread t : spinThreads) {
        t.join();
      }
    }
  }

  private static long crc(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload, 0, payload.length);
    return crc.getValue();
  }
}
