package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chaos under a steady producer, on the zero-loss topology ({@code
 * flume-conf/storage-direct.properties}: the Kafka direct channel runs the interceptor on take and
 * commits Kafka offsets only after the gzip sink has committed, i.e. after its local spool is
 * fsynced), with the metrics push reporter on, against a real Kafka broker, a real MiniDFSCluster
 * and a real collector, each in its own JVM or this one.
 *
 * <p>Each trial injects one fault, picked from a seeded shuffle that holds every kind at least
 * once: kill -9 of the agent (then a new agent on the same data dir), a broker restart, HDFS
 * stopped for {@code chaos.hdfsOutageSeconds} (default 30; the long setting is 180), the collector
 * stopped for a few report intervals. At the end the producer is done, the last agent drains and
 * stops gracefully, and HDFS is read back: no line may be lost; duplicates are counted and must
 * stay within what Kafka re-delivery explains. {@code -Dchaos.trials=N} (default 10), {@code
 * -Dchaos.seed=S} reruns a sequence.
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class ChaosIT {
  private static final String TOPIC = "chaos";
  private static final String GROUP = "chaos-direct";
  private static final String ROOT = "/logs/chaos";
  private static final String IDENTITY = "chaos/direct";
  private static final String REPORTER = "OTHER.metricsReporter";
  private static final int RATE = 1000;

  @RegisterExtension static final RealServers SERVERS = new RealServers("chaos");

  enum Fault {
    KILL_AGENT,
    RESTART_BROKER,
    STOP_HDFS,
    STOP_COLLECTOR
  }

  @Test
  void mixedFaultsUnderLoad_noLineLost_duplicatesOnlyFromKafkaRedelivery() throws Exception {
    int trials = Integer.getInteger("chaos.trials", 10);
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    int outageSeconds = Integer.getInteger("chaos.hdfsOutageSeconds", 30);
    Random random = new Random(seed);
    List<Fault> plan = new ArrayList<>(List.of(Fault.values()));
    while (plan.size() < trials) {
      Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
      // HDFS outages dominate the run time: at most a quarter of the trials (2 of 10 in CI).
      if (fault != Fault.STOP_HDFS
          || plan.stream().filter(f -> f == Fault.STOP_HDFS).count() < trials / 4) {
        plan.add(fault);
      }
    }
    Collections.shuffle(plan, random);
    System.out.println("chaos: seed " + seed + ", plan " + plan);

    SERVERS.kafka().createTopic(TOPIC, 4);
    long seconds =
        20L
            + trials * 15L
            + (long) outageSeconds * plan.stream().filter(f -> f == Fault.STOP_HDFS).count();
    // Two event hours (previous and current): files of the current hour stay in progress across
    // faults.
    AccessLogGenerator generator =
        new AccessLogGenerator(
            31, RATE * seconds, 20, 5, AccessLogGenerator.hourStartHoursAgo(1), 2, ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    CompletableFuture<KafkaLoader.Loaded> loading =
        CompletableFuture.supplyAsync(
            () ->
                KafkaLoader.produce(
                    SERVERS.kafka().bootstrapServers(),
                    TOPIC,
                    generator,
                    n -> {},
                    (AccessLine line) -> produced.add(line.line()),
                    RATE));
    long started = System.nanoTime();
    long redeliveryBound = 0;
    try (MetricsCollectorProcess collector =
        MetricsCollectorProcess.start(
            SERVERS.work().resolve("collector"), "--stale-intervals", "3")) {
      FlumeAgent.Builder builder = agent(collector);
      FlumeAgent agent = builder.start();
      try {
        for (int trial = 0; trial < plan.size(); trial++) {
          Fault fault = plan.get(trial);
          FlumeAgent current = agent;
          AgentChecks.await(
              "agent taking events before the fault",
              Duration.ofSeconds(120),
              current,
              () -> current.counter("SINK.hdfs", "EventDrainSuccessCount") > 0);
          KafkaBroker.sleepQuietly(random.nextInt(3000));
          long lag = KafkaOffsets.lag(SERVERS.kafka(), GROUP, TOPIC);
          long faultStart = System.nanoTime();
          switch (fault) {
            case KILL_AGENT -> {
              agent.kill();
              agent.process().awaitExit(Duration.ofSeconds(30));
              // Re-read after the restart: offsets at or above those committed when it died, i.e.
              // at most the
              // lag now (its committed offsets no longer move; the producer's end offsets only
              // grow).
              redeliveryBound += KafkaOffsets.lag(SERVERS.kafka(), GROUP, TOPIC);
              agent = builder.start();
            }
            case RESTART_BROKER -> {
              // Offset commits fail while it is down: the direct channel rolls back and hands the
              // batch out again:
              // at most the lag before, plus what was produced (and could be fetched) until the
              // broker was down.
              long stopping = System.nanoTime();
              SERVERS.kafka().stop();
              redeliveryBound += lag + RATE * ((System.nanoTime() - stopping) / 1_000_000_000L + 1);
              KafkaBroker.sleepQuietly(3000);
              SERVERS.kafka().restart();
            }
            case STOP_HDFS -> {
              long failuresBefore = agent.counter("SINK.hdfs", "HdfsWriteFailures");
              SERVERS.hdfs().stop();
              long end = System.nanoTime() + Duration.ofSeconds(outageSeconds).toNanos();
              while (System.nanoTime() < end) {
                agent.process().requireAlive("HDFS outage");
                KafkaBroker.sleepQuietly(500);
              }
              long failed = agent.counter("SINK.hdfs", "HdfsWriteFailures") - failuresBefore;
              SERVERS.hdfs().restart();
              // the fault is about writes in flight: the sink must have tried and failed
              assertTrue(failed > 0, "the HDFS outage hit the sink's writes: " + failed);
            }
            case STOP_COLLECTOR -> {
              collector.stop();
              KafkaBroker.sleepQuietly(4000);
              agent.process().requireAlive("collector outage");
              long back = System.currentTimeMillis();
              collector.start();
              AgentChecks.await(
                  "a fresh report on the restarted collector",
                  Duration.ofSeconds(30),
                  agent,
                  () -> latestReportTime(collector) > back);
            }
            default -> throw new IllegalStateException(fault.toString());
          }
          Map<String, String> sink = agent.metrics().get("SINK.hdfs");
          System.out.printf(
              "chaos trial %d/%d: %s for %d ms (lag before %d); sink drained %s, spool %s bytes, "
                  + "HDFS write failures %s%n",
              trial + 1,
              plan.size(),
              fault,
              (System.nanoTime() - faultStart) / 1_000_000,
              lag,
              sink.get("EventDrainSuccessCount"),
              sink.get("SpoolBytes"),
              sink.get("HdfsWriteFailures"));
        }
        KafkaLoader.Loaded loaded = loading.get();
        FlumeAgent last = agent;
        AgentChecks.await(
            "drained: lag 0, sink buffers empty",
            Duration.ofMinutes(4),
            last,
            () -> {
              Map<String, String> sink = last.metrics().get("SINK.hdfs");
              return KafkaOffsets.lag(SERVERS.kafka(), GROUP, TOPIC) == 0
                  && "0".equals(sink.get("Recovering"))
                  && "0".equals(sink.get("Level1Bytes"))
                  && "0".equals(sink.get("Level2Bytes"))
                  && "0".equals(sink.get("InFlightBytes"));
            });
        assertTrue(agent.counter(REPORTER, "ReportsSent") > 0, "the reporter kept reporting");
        assertEquals(loaded.lines(), produced.size(), "the producer produced each line once");
      } finally {
        agent.stop();
      }
    }

    Map<String, Integer> copies = AgentChecks.readFinished(SERVERS, ROOT);
    long lost = produced.stream().filter(l -> !copies.containsKey(l)).count();
    long duplicates = copies.values().stream().mapToLong(n -> n - 1L).sum();
    System.out.printf(
        "chaos: %d trials %s (seed %d) in %d s; lines produced %d, lost %d, duplicated %d "
            + "(bound from Kafka re-delivery %d)%n",
        plan.size(),
        plan,
        seed,
        (System.nanoTime() - started) / 1_000_000_000L,
        produced.size(),
        lost,
        duplicates,
        redeliveryBound);
    assertEquals(0, lost, "no produced line lost");
    assertTrue(
        duplicates <= redeliveryBound,
        "duplicates beyond what Kafka re-delivery explains: "
            + duplicates
            + " > "
            + redeliveryBound);
  }

  private static FlumeAgent.Builder agent(MetricsCollectorProcess collector) {
    return AgentChecks.quickSink(
            SERVERS.agent("storage-direct.properties", "agent", TOPIC, GROUP, ROOT), "chaos")
        .override("a1.channels.ch.kafka.consumer.session.timeout.ms", "6000")
        .override("a1.channels.ch.kafka.consumer.heartbeat.interval.ms", "1000")
        .monitoring(
            "io.accesslog.flume.metrics.PushReporter",
            Map.of(
                "url",
                collector.reportUrl(),
                "interval",
                "1s",
                "identity",
                IDENTITY,
                "timeout",
                "1s",
                "maxBackoff",
                "2s"))
        .expect("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog", REPORTER);
  }

  private static long latestReportTime(MetricsCollectorProcess collector) {
    JsonNode view = collector.agent(IDENTITY);
    if (view == null || view.path("series").isEmpty()) {
      return 0;
    }
    JsonNode series = view.path("series");
    return series.get(series.size() - 1).path("reportTime").asLong();
  }
}
