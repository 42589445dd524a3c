package io.accesslog.flume.sink.route;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prints ns/event of {@link TargetRouter#route} on cache hits and misses. Not a unit test.
 *
 * <p>Events look like production: 8 headers, 20,000 distinct (type, app, host) targets in one hour,
 * random order. Three measurements:
 *
 * <ul>
 *   <li><b>hot</b>: a ring of 4,096 prebuilt events, so they sit in CPU cache like an event just
 *       taken from the channel; header String hashes are cached after the first lap.
 *   <li><b>fresh</b>: each event's header map and strings are built right before routing (as the
 *       channel deserializes them), minus a loop that only builds them: routing cost including
 *       hashing never-hashed strings.
 *   <li><b>cold</b>: a new router per round, so every distinct target is a cache miss.
 * </ul>
 *
 * Run from the repository root:
 *
 * <pre>
 * mvn -q -o -pl flume-gzip-hdfs-sink test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp flume-gzip-hdfs-sink/target/classes:flume-gzip-hdfs-sink/target/test-classes:$(cat flume-gzip-hdfs-sink/target/cp.txt) \
 *   io.accesslog.flume.sink.route.TargetRouterBenchmark
 * </pre>
 */
public final class TargetRouterBenchmark {
  private static final int TARGETS = Integer.getInteger("targets", 20_000);
  private static final int RING = Integer.getInteger("ring", 256);
  private static final int EVENTS = 2_000_000;
  private static final long HOUR_START = 1_795_352_400_000L; // 2026-11-22T13:00:00Z

  /** Thread CPU time: the build machines are shared, and wall time counts other processes. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private static long sink;

  private TargetRouterBenchmark() {}

  public static void main(String[] args) {
    RouteSettings settings =
        RouteSettings.builder().root("hdfs://nn:8020/logs").writerId("w").build();
    String[][] targets = new String[TARGETS][];
    for (int i = 0; i < TARGETS; i++) {
      targets[i] = new String[] {"access", "app" + (i % 40), "web" + i + ".dc1.example.com"};
    }
    TargetRouter router = new TargetRouter(settings);
    Random random = new Random(1);
    for (int i = 0; i < TARGETS; i++) {
      router.route(event(targets[i], random, i), HOUR_START);
    }
    for (int round = 0; round < 8; round++) {
      List<Map<String, String>> ring = new ArrayList<>(RING);
      for (int i = 0; i < RING; i++) {
        ring.add(event(targets[random.nextInt(TARGETS)], random, i));
      }
      long t0 = System.nanoTime();
      long a0 = allocatedBytes();
      long c0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < EVENTS; i++) {
        sink += router.route(ring.get(i & (RING - 1)), HOUR_START).hourStartMillis();
      }
      double hotCpu = (double) (CPU.getCurrentThreadCpuTime() - c0) / EVENTS;
      double hot = (double) (System.nanoTime() - t0) / EVENTS;
      double bytes = (double) (allocatedBytes() - a0) / EVENTS;

      long seed = random.nextLong();
      Random r1 = new Random(seed);
      c0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < EVENTS / 4; i++) {
        sink += event(targets[r1.nextInt(TARGETS)], r1, i).size();
      }
      long buildOnly = CPU.getCurrentThreadCpuTime() - c0;
      Random r2 = new Random(seed);
      c0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < EVENTS / 4; i++) {
        sink +=
            router.route(event(targets[r2.nextInt(TARGETS)], r2, i), HOUR_START).hourStartMillis();
      }
      double fresh = (double) (CPU.getCurrentThreadCpuTime() - c0 - buildOnly) / (EVENTS / 4);
      System.out.printf(
          "round %d: hot %6.1f ns/event cpu (%6.1f wall, %.2f bytes/event allocated),"
              + " fresh %6.1f ns/event cpu; cache %d entries, %d misses%n",
          round, hotCpu, hot, bytes, fresh, router.cachedTargets(), router.cacheMisses());
    }
    for (int round = 0; round < 5; round++) {
      TargetRouter cold = new TargetRouter(settings);
      long c0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < TARGETS; i++) {
        sink += cold.route(event(targets[i], random, i), HOUR_START).hourStartMillis();
      }
      long ns = CPU.getCurrentThreadCpuTime() - c0;
      System.out.printf(
          "cold round %d: %6.1f ns/event cpu (all %d misses, including building the event)%n",
          round, (double) ns / TARGETS, cold.cacheMisses());
    }
    System.out.println("(ignore) " + sink);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) CPU).getCurrentThreadAllocatedBytes();
  }

  private static Map<String, String> event(String[] t, Random random, int i) {
    Map<String, String> h = new HashMap<>();
    h.put("type", new String(t[0]));
    h.put("app", new String(t[1]));
    h.put("host", new String(t[2]));
    h.put("timestamp", Long.toString(HOUR_START + random.nextInt(3_600_000)));
    h.put("key", new String(t[2]));
    h.put("topic", "weblogs");
    h.put("partition", Integer.toString(i & 63));
    h.put("offset", Long.toString(1_000_000_000L + i));
    return h;
  }
}
