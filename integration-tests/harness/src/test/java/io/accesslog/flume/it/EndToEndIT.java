package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, for both shipped topologies, in a real agent JVM from the plugins.d tarball against a
 * real Kafka broker and a real MiniDFSCluster (timers shortened):
 *
 * <ul>
 *   <li>{@code filechannel}: {@code flume-conf/storage-source-filechannel.properties}, our Kafka
 *       source -> access-log interceptor -> FileChannel -> our gzip HDFS sink (spool on);
 *   <li>{@code direct}: {@code flume-conf/storage-direct.properties}, our Kafka direct channel
 *       running the interceptor on take -> our gzip HDFS sink, no source.
 * </ul>
 *
 * N lines (40,000 here; {@code -De2e.lines=1000000}, or the Maven profile {@code e2e-long}, for the
 * long run) over more than 500 target files (10 web servers x 20 apps x 3 event hours), plus
 * unparseable lines. Event hours are 2-4 hours old, so their close minute has passed: the sink must
 * finish every file on its own timers, with no stop, and leave no in-progress file. Then: every
 * line once, in the directory of its app and event hour, per-host order kept, final file names, bad
 * lines in the error bucket, and every file read whole by zcat and by Hadoop's TextInputFormat.
 */
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.MINUTES)
class EndToEndIT {
  private static final int LINES = Integer.getInteger("e2e.lines", 40_000);
  private static final int HOSTS = 10;
  private static final int APPS = 20;
  private static final int MIN_TARGETS = 500;
  private static final int BAD_LINES = 40;
  private static final Pattern FINAL_NAME =
      Pattern.compile("[a-z0-9._-]+\\.\\d{10}\\.w-[A-Za-z0-9._-]+\\.\\d{4,}\\.gz");
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("yyyyMMdd/HH").withZone(ZoneOffset.UTC);

  @RegisterExtension static final RealServers SERVERS = new RealServers("end-to-end");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "filechannel, storage-source-filechannel.properties, SOURCE.kafka",
    "direct, storage-direct.properties, ''"
  })
  void topology_linesOverManyTargets_eachOnceInFinalFilesOfTheirEventHour(
      String topology, String config, String source) {
    long started = System.nanoTime();
    String root = "/logs/" + topology;
    String topic = "access-" + topology;
    SERVERS.kafka().createTopic(topic, 4);
    Map<String, String> expectedDirectory = new HashMap<>();
    // Three event hours, all already closed (2-4 hours ago).
    AccessLogGenerator generator =
        new AccessLogGenerator(
            7, LINES, HOSTS, APPS, AccessLogGenerator.hourStartHoursAgo(4), 3, ZoneOffset.UTC);
    KafkaLoader.Loaded loaded =
        KafkaLoader.produce(
            SERVERS.kafka().bootstrapServers(),
            topic,
            generator,
            n -> {},
            (AccessLine line) ->
                expectedDirectory.put(
                    line.line(),
                    root
                        + "/access/"
                        + line.app()
                        + "/"
                        + DAY_HOUR.format(Instant.ofEpochMilli(line.eventMillis()))));
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < BAD_LINES; i++) {
      bad.add("garbage that is no access log line #" + i);
    }
    // Bad lines fall back to their Kafka record time: make it an hour that is already closed too.
    KafkaLoader.produceRaw(
        SERVERS.kafka().bootstrapServers(),
        topic,
        "web-0001",
        AccessLogGenerator.hourStartHoursAgo(4),
        bad);
    int total = LINES + BAD_LINES;

    FlumeAgent agent =
        SERVERS
            .agent(config, topology, topic, "e2e-" + topology, root)
            .override("a1.sinks.hdfs.member.maxAge", "3s")
            .override("a1.sinks.hdfs.append.maxAge", "6s")
            .expect("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog")
            .expect(source.isEmpty() ? new String[0] : new String[] {source})
            .start();
    HdfsReadback.Report report;
    Duration drain = Duration.ofMinutes(3 + LINES / 100_000);
    try {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", total, drain);
      report = awaitEverythingFinished(root, total, drain, agent);
      Map<String, String> interceptor = agent.metrics().get("INTERCEPTOR.accesslog");
      assertEquals(
          String.valueOf(BAD_LINES),
          interceptor.get("ErrorUnparseableLine"),
          interceptor.toString());
      assertEquals(String.valueOf(LINES), interceptor.get("EventsOk"), interceptor.toString());
      // The runner applies finished work on its next process() (it may be in its idle backoff).
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (agent.counter("SINK.hdfs", "OpenTargets") > 0 && System.nanoTime() < deadline) {
        KafkaBroker.sleepQuietly(500);
      }
      Map<String, String> sink = agent.metrics().get("SINK.hdfs");
      assertEquals("0", sink.get("HdfsWriteFailures"), sink.toString());
      assertEquals("0", sink.get("OpenTargets"), "every target finished and released: " + sink);
      assertEquals("0", sink.get("InFlightBytes"), sink.toString());
    } finally {
      agent.stop();
    }
    assertFalse(agent.process().isAlive());

    // Every line once, in the directory of its app and event hour; bad lines in the error bucket.
    Map<String, List<long[]>> sequencesPerFile = new ConcurrentHashMap<>();
    List<String> misplaced = Collections.synchronizedList(new ArrayList<>());
    List<String> errorLines = Collections.synchronizedList(new ArrayList<>());
    report =
        HdfsReadback.read(
            SERVERS.hdfs().fileSystem(),
            root,
            (file, line) -> {
              String dir = file.substring(0, file.lastIndexOf('/'));
              String expected = expectedDirectory.get(line);
              if (expected == null) {
                errorLines.add(line);
                if (!dir.startsWith(root + "/_error/")) {
                  misplaced.add(file + ": " + line);
                }
                return;
              }
              if (!dir.equals(expected)) {
                misplaced.add(file + " (expected " + expected + "): " + line);
              }
              sequencesPerFile
                  .computeIfAbsent(file, f -> new ArrayList<>())
                  .add(AccessLine.hostAndSequence(line));
            });
    assertEquals(List.of(), misplaced);
    assertEquals(LINES, report.lines() - errorLines.size());
    Collections.sort(errorLines);
    Collections.sort(bad);
    assertEquals(bad, errorLines);
    LineDigest good = new LineDigest();
    HdfsReadback.read(
        SERVERS.hdfs().fileSystem(), root + "/access", (file, line) -> good.add(line));
    assertTrue(
        good.sameLinesAs(loaded.digest()),
        "every produced line exactly once: " + good + " vs " + loaded.digest());

    // One writer per host and file: within a file, each host's lines keep their Kafka (per-key)
    // order.
    for (Map.Entry<String, List<long[]>> e : sequencesPerFile.entrySet()) {
      Map<Long, Long> last = new HashMap<>();
      for (long[] hostSeq : e.getValue()) {
        Long previous = last.put(hostSeq[0], hostSeq[1]);
        assertTrue(
            previous == null || previous < hostSeq[1], "per-host order broken in " + e.getKey());
      }
    }
    assertTrue(
        sequencesPerFile.size() >= MIN_TARGETS,
        "lines spread over >= " + MIN_TARGETS + " target files: " + sequencesPerFile.size());
    for (HdfsReadback.FileReport file : report.files()) {
      String name = file.path().substring(file.path().lastIndexOf('/') + 1);
      assertTrue(FINAL_NAME.matcher(name).matches(), "final name: " + file.path());
    }

    // The readers users' jobs use: gzip on the command line and Hadoop's TextInputFormat.
    long zcat = 0;
    for (HdfsReadback.FileReport file : report.files()) {
      zcat +=
          IndependentReaders.zcatLines(
              SERVERS.hdfs().fileSystem(), file.path(), SERVERS.work().resolve("zcat"));
    }
    assertEquals(total, zcat);
    assertEquals(
        LINES,
        IndependentReaders.textInputFormatLines(SERVERS.hdfs().clientConfiguration(), root),
        "TextInputFormat reads every good line and skips the hidden _error bucket");
    System.out.printf(
        "end-to-end %s: %d lines + %d bad in %d files (%d target files of good lines), each once, "
            + "in %d s%n",
        topology,
        LINES,
        BAD_LINES,
        report.files().size(),
        sequencesPerFile.size(),
        (System.nanoTime() - started) / 1_000_000_000L);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static HdfsReadback.Report awaitEverythingFinished(
      String root, int total, Duration timeout, FlumeAgent agent) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> inProgress;
    do {
      inProgress =
          HdfsReadback.listFiles(SERVERS.hdfs().fileSystem(), root).stream()
              .filter(HdfsReadback::isHidden)
              .toList();
      if (inProgress.isEmpty()) {
        try {
          HdfsReadback.Report report = HdfsReadback.read(SERVERS.hdfs().fileSystem(), root);
          if (report.lines() == total) {
            return report;
          }
        } catch (java.io.UncheckedIOException e) {
          // A file the sink finished (renamed) between the listing and its read: look again.
          if (!(rootCause(e) instanceof java.io.FileNotFoundException)) {
            throw e;
          }
        }
      }
      KafkaBroker.sleepQuietly(1000);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "after "
            + timeout.toSeconds()
            + " s, in-progress files remain: "
            + inProgress
            + "; sink metrics "
            + agent.metrics().get("SINK.hdfs"));
  }
}
