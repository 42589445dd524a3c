package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every shipped agent config in {@code flume-conf/}, <b>unchanged</b> (only its {@code ${env:...}}
 * values are set, as a user's flume-env.sh does), killed with kill -9 and stopped gracefully under
 * a live producer, then restarted; at the end no produced line may be missing downstream (HDFS for
 * the storage agents, Kafka for the edge agent), and duplicates are counted and bounded.
 *
 * <p>Every run has both fault kinds for every config ({@code -Dkill.trials} kill -9s, default 10,
 * and {@code -Dstop.trials} graceful stops, default 2, in a seeded random order, {@code
 * -Dkill.seed}). A fault is aimed at a moment the channel holds events (the channel's {@code
 * ChannelSize} is polled until it is above 0, for at most 3 s; for the edge agent, whose Kafka
 * channel holds nothing itself, lines written and not yet in Kafka), and the test asserts that at
 * least one kill per config landed so. The three configs run at the same time, each against its own
 * topic and HDFS root (each agent in its own JVM).
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class ShippedConfigsKillIT {
  private static final int KILLS = Integer.getInteger("kill.trials", 10);
  private static final int STOPS = Integer.getInteger("stop.trials", 2);
  private static final int RATE = 1500;
  private static final Duration DRAIN = Duration.ofMinutes(4);
  private static final String EDGE_TOPIC = "kill-edge";

  @RegisterExtension static final RealServers SERVERS = new RealServers("shipped-kill");

  enum Fault {
    KILL_9,
    GRACEFUL_STOP
  }

  /** One fault as it landed. */
  record Trial(Fault fault, long channelSizeAtFault, long delayMillis, int exitCode) {}

  /**
   * A JVM that ran its shutdown hooks after SIGTERM exits with 128 + 15; one killed after the grace
   * period, 137.
   */
  static final int EXIT_AFTER_SIGTERM = 143;

  /** What one config's run found. */
  record Outcome(
      String config,
      long seed,
      List<Trial> trials,
      long produced,
      long missing,
      long duplicates,
      long duplicateBound,
      int finalExitCode) {
    long killsWithEvents() {
      return trials.stream()
          .filter(t -> t.fault() == Fault.KILL_9 && t.channelSizeAtFault() > 0)
          .count();
    }

    String line() {
      Map<Fault, Long> kinds =
          trials.stream()
              .collect(
                  Collectors.groupingBy(
                      Trial::fault, () -> new EnumMap<>(Fault.class), Collectors.counting()));
      return String.format(
          Locale.ROOT,
          "%s: %s (seed %d), %d of %d kills with events in the channel; lines "
              + "produced %d, missing %d, duplicated %d (bound %d); channel sizes at the faults %s",
          config,
          kinds,
          seed,
          killsWithEvents(),
          kinds.getOrDefault(Fault.KILL_9, 0L),
          produced,
          missing,
          duplicates,
          duplicateBound,
          trials.stream()
              .map(
                  t ->
                      t.fault() == Fault.KILL_9
                          ? "k" + t.channelSizeAtFault()
                          : "s" + t.channelSizeAtFault())
              .toList());
    }
  }

  @Test
  void everyShippedConfig_killedAndStoppedUnderLoad_losesNoLine() throws Exception {
    long seed = Long.getLong("kill.seed", System.nanoTime());
    for (String topic :
        List.of(
            topic("storage-direct.properties"),
            topic("storage-source-filechannel.properties"),
            EDGE_TOPIC)) {
      SERVERS.kafka().createTopic(topic, 4);
    }
    ExecutorService runners = Executors.newFixedThreadPool(3);
    try {
      List<Future<Outcome>> futures =
          List.of(
              runners.submit(
                  () ->
                      storage(
                          "storage-direct.properties",
                          seed,
                          List.of("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog"),
                          // a kill re-delivers what was polled and not acknowledged: the queue
                          // (buffer.maxRecords) plus
                          // what the sink had taken (batchSize)
                          20_000 + 10_000)),
              runners.submit(
                  () ->
                      storage(
                          "storage-source-filechannel.properties",
                          seed + 1,
                          List.of(
                              "SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog"),
                          // the source batch in flight (re-read from Kafka) plus the sink batch in
                          // flight (FileChannel replay)
                          5_000 + 10_000)),
              runners.submit(() -> edge(seed + 2)));
      List<Outcome> outcomes = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      outcomes.forEach(o -> System.out.println("shipped config kill suite: " + o.line()));
      if (!failures.isEmpty()) {
        AssertionError error =
            new AssertionError("a config's run failed: " + failures.get(0), failures.get(0));
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
      }
      for (Outcome o : outcomes) {
        assertEquals(0, o.missing(), o.line());
        assertTrue(
            o.duplicates() <= o.duplicateBound(), "duplicates beyond the bound: " + o.line());
        assertTrue(
            o.killsWithEvents() >= 1, "no kill landed while the channel held events: " + o.line());
        assertEquals(
            Set.of(Fault.values()),
            o.trials().stream().map(Trial::fault).collect(Collectors.toSet()),
            "every fault kind ran: " + o.line());
        assertEquals(
            EXIT_AFTER_SIGTERM,
            o.finalExitCode(),
            "the last graceful stop ends by itself: " + o.line());
        for (Trial t : o.trials()) {
          if (t.fault() == Fault.GRACEFUL_STOP) {
            assertEquals(
                EXIT_AFTER_SIGTERM,
                t.exitCode(),
                "a graceful stop under load ends by itself, within "
                    + "the harness's 120 s: "
                    + o.line());
          }
        }
      }
    } finally {
      runners.shutdownNow();
    }
  }

  private static String topic(String config) {
    return "kill-" + config.replace(".properties", "");
  }

  /** Kill -9s and graceful stops, shuffled; both kinds always present. */
  static List<Fault> faults(Random random) {
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < Math.max(1, KILLS); i++) {
      faults.add(Fault.KILL_9);
    }
    for (int i = 0; i < Math.max(1, STOPS); i++) {
      faults.add(Fault.GRACEFUL_STOP);
    }
    Collections.shuffle(faults, random);
    return faults;
  }

  private static Outcome storage(
      String config, long seed, List<String> components, long boundPerFault) throws Exception {
    String slug = config.replace(".properties", "");
    String topic = topic(config);
    String root = "/logs/" + slug;
    Random random = new Random(seed);
    List<Fault> faults = faults(random);
    // Enough lines to keep producing through every trial (each takes 10-20 s: agent start, the
    // group's
    // rebalance after a kill waits for the dead member's session to expire).
    AccessLogGenerator generator =
        new AccessLogGenerator(
            seed,
            (long) RATE * 18 * faults.size(),
            20,
            4,
            AccessLogGenerator.hourStartHoursAgo(1),
            2,
            ZoneOffset.UTC);
    Set<String> produced = ConcurrentHashMap.newKeySet();
    CompletableFuture<KafkaLoader.Loaded> loading =
        CompletableFuture.supplyAsync(
            () ->
                KafkaLoader.produce(
                    SERVERS.kafka().bootstrapServers(),
                    topic,
                    generator,
                    n -> {},
                    (AccessLine line) -> produced.add(line.line()),
                    RATE));
    FlumeAgent.Builder builder =
        SERVERS.agent(config, slug, topic, slug, root).expect(components.toArray(String[]::new));
    List<Trial> trials = new ArrayList<>();
    for (Fault fault : faults) {
      trials.add(
          trial(
              config,
              builder,
              fault,
              random,
              agent ->
                  AgentChecks.await(
                      "taking events, or drained",
                      Duration.ofSeconds(120),
                      agent,
                      () ->
                          agent.counter("SINK.hdfs", "EventDrainSuccessCount") > 0
                              || (loading.isDone()
                                  && KafkaOffsets.lag(SERVERS.kafka(), slug, topic) == 0)),
              ShippedConfigsKillIT::awaitEventsInChannel));
    }
    KafkaLoader.Loaded loaded = loading.get();
    FlumeAgent agent = builder.start();
    int exit;
    try {
      AgentChecks.await(
          "drained: lag 0, channel empty, recovery done",
          DRAIN,
          agent,
          () ->
              KafkaOffsets.lag(SERVERS.kafka(), slug, topic) == 0
                  && agent.counter("CHANNEL.ch", "ChannelSize") == 0
                  && agent.counter("SINK.hdfs", "Recovering") == 0);
    } finally {
      // the graceful stop writes what the sink still buffers and finishes every file
      exit = agent.stop();
    }
    Map<String, Integer> copies = AgentChecks.readFinished(SERVERS, root);
    long missing = produced.stream().filter(l -> !copies.containsKey(l)).count();
    long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
    return new Outcome(
        config,
        seed,
        trials,
        loaded.lines(),
        missing,
        duplicates,
        boundPerFault * faults.size(),
        exit);
  }

  private static Outcome edge(long seed) throws Exception {
    String topic = EDGE_TOPIC;
    Path logs = Files.createDirectories(SERVERS.work().resolve("edge-nginx"));
    Random random = new Random(seed);
    List<Fault> faults = faults(random);
    // More lines than the trials can take: nginx keeps writing until the last fault (writing =
    // false), so every
    // fault meets lines not yet in Kafka; only what was written is expected downstream.
    AccessLogGenerator generator =
        new AccessLogGenerator(
            seed,
            (long) RATE * 60 * faults.size(),
            1,
            3,
            AccessLogGenerator.hourStartHoursAgo(1),
            1,
            ZoneOffset.UTC);
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Void> nginx =
        CompletableFuture.runAsync(
            () -> writeLog(logs.resolve("access.log"), generator, written, writing));
    FlumeAgent.Builder builder =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(HarnessPaths.confExamples().resolve("edge-agent.properties"))
            .workDir(SERVERS.work().resolve("edge"))
            .env(SERVERS.kafka().env())
            .env("KAFKA_TOPIC", topic)
            .env("NGINX_LOG_DIR", logs.toString())
            .expect("SOURCE.tail", "CHANNEL.ch");
    List<Trial> trials = new ArrayList<>();
    long[] bound = {0};
    try {
      for (Fault fault : faults) {
        trials.add(
            trial(
                "edge-agent.properties",
                builder,
                fault,
                random,
                agent ->
                    agent.awaitCounter(
                        "SOURCE.tail", "EventAcceptedCount", 1, Duration.ofSeconds(60)),
                agent -> {
                  // The Kafka channel stores nothing itself (a put is the write to Kafka): what a
                  // kill can hit is a
                  // put transaction not yet acknowledged by Kafka, or lines written and not yet
                  // sent.
                  long pending = awaitLinesInFlight(agent, topic, written);
                  // A crash re-sends what TAILDIR sent since its last position write
                  // (writePosInterval), which
                  // is at most what this run sent: never lines an earlier run had sent, never a
                  // file from its start.
                  bound[0] += agent.counter("SOURCE.tail", "EventAcceptedCount") + 1000;
                  return pending;
                }));
      }
    } finally {
      writing.set(false);
    }
    nginx.get();
    List<String> lines = new ArrayList<>(written);
    FlumeAgent agent = builder.start();
    List<TopicReader.Record> records;
    int exit;
    try {
      records = awaitTopicHolds(topic, lines);
    } finally {
      exit = agent.stop();
    }
    Map<String, Long> copies =
        records.stream()
            .collect(Collectors.groupingBy(TopicReader.Record::value, Collectors.counting()));
    long missing = lines.stream().filter(l -> !copies.containsKey(l)).count();
    long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
    return new Outcome(
        "edge-agent.properties", seed, trials, lines.size(), missing, duplicates, bound[0], exit);
  }

  /**
   * Starts the agent, waits until {@code working} says it works, then a random 0-2 s, then until
   * {@code atRisk} finds state a fault can hit (it returns how much), and applies the fault.
   */
  private static Trial trial(
      String config,
      FlumeAgent.Builder builder,
      Fault fault,
      Random random,
      java.util.function.Consumer<FlumeAgent> working,
      java.util.function.ToLongFunction<FlumeAgent> atRisk) {
    FlumeAgent agent = builder.start();
    long delay = random.nextInt(2000);
    long held;
    try {
      working.accept(agent);
      KafkaBroker.sleepQuietly(delay);
      held = atRisk.applyAsLong(agent);
    } catch (RuntimeException | Error e) {
      agent.kill();
      throw e;
    }
    int exit;
    if (fault == Fault.KILL_9) {
      agent.kill();
      exit = agent.process().awaitExit(Duration.ofSeconds(30));
    } else {
      exit = agent.stop();
    }
    System.out.printf(
        "%s: %s, %d events held (channel, or lines not yet in Kafka) at the fault%n",
        config, fault, held);
    return new Trial(fault, held, delay, exit);
  }

  /** Polls the channel's size until it is above 0 (at most 3 s); returns the last size read. */
  private static long awaitEventsInChannel(FlumeAgent agent) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    long size = agent.counter("CHANNEL.ch", "ChannelSize");
    while (size == 0 && System.nanoTime() < deadline) {
      KafkaBroker.sleepQuietly(10);
      size = agent.counter("CHANNEL.ch", "ChannelSize");
    }
    return size;
  }

  /**
   * Lines at risk in the edge agent, polled every 5 ms until above 0 (at most 3 s): events put into
   * the Kafka channel in a transaction not yet committed (put attempts minus put successes; a put
   * commits only once Kafka acknowledged the batch), or lines written to the log and not yet in
   * Kafka (an underestimate once re-sent duplicates are in the topic).
   */
  private static long awaitLinesInFlight(FlumeAgent agent, String topic, List<String> written) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    long held;
    do {
      long inPut =
          agent.counter("CHANNEL.ch", "EventPutAttemptCount")
              - agent.counter("CHANNEL.ch", "EventPutSuccessCount");
      long inKafka =
          KafkaOffsets.endOffsets(SERVERS.kafka(), topic).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      held = Math.max(inPut, written.size() - inKafka);
      if (held <= 0) {
        KafkaBroker.sleepQuietly(5);
      }
    } while (held <= 0 && System.nanoTime() < deadline);
    return Math.max(0, held);
  }

  /**
   * nginx: appends generated lines to the access log at about {@link #RATE} lines/s until stopped
   * or done.
   */
  private static void writeLog(
      Path file, AccessLogGenerator generator, List<String> written, AtomicBoolean writing) {
    try (Writer out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      long started = System.nanoTime();
      long n = 0;
      while (writing.get() && generator.hasNext()) {
        String line = generator.next().line();
        out.write(line);
        out.write('\n');
        written.add(line);
        n++;
        if (n % 100 == 0) {
          out.flush();
          long due = started + n * 1_000_000_000L / RATE;
          long wait = (due - System.nanoTime()) / 1_000_000L;
          if (wait > 0) {
            KafkaBroker.sleepQuietly(wait);
          }
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<TopicReader.Record> awaitTopicHolds(String topic, List<String> lines) {
    Set<String> wanted = Set.copyOf(lines);
    long deadline = System.nanoTime() + DRAIN.toNanos();
    List<TopicReader.Record> records;
    do {
      long present =
          KafkaOffsets.endOffsets(SERVERS.kafka(), topic).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      records =
          TopicReader.readAll(
              SERVERS.kafka().bootstrapServers(), topic, present, Duration.ofSeconds(30));
      Set<String> seen =
          records.stream().map(TopicReader.Record::value).collect(Collectors.toSet());
      if (seen.containsAll(wanted)) {
        return records;
      }
      KafkaBroker.sleepQuietly(1000);
    } while (System.nanoTime() < deadline);
    return records;
  }
}
