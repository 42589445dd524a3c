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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Our pipeline in a real agent JVM from the plugins.d tarball, with the shipped
 * {@code flume-conf/storage-agent.properties} (timers shortened): our Kafka source -> access-log
 * interceptor -> MemoryChannel -> our gzip HDFS sink (spool on) -> real HDFS.
 *
 * <p>Event hours are 2-4 hours old, so their close minute has passed: the sink must finish every file
 * on its own timers, with no stop, and leave no in-progress file.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class StoragePipelineIT {
  private static final int LINES = 40_000;
  private static final int BAD_LINES = 40;
  private static final String ROOT = "/logs/ours";
  private static final Pattern FINAL_NAME = Pattern.compile("[a-z0-9._-]+\\.\\d{10}\\.w-[A-Za-z0-9._-]+\\.\\d{4,}\\.gz");
  private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("yyyyMMdd/HH").withZone(ZoneOffset.UTC);

  @RegisterExtension
  static final RealServers SERVERS = new RealServers("storage-pipeline");

  @Test
  void storageAgent_linesOverManyTargets_eachOnceInFinalFilesOfTheirEventHour() {
    String topic = "access-ours";
    SERVERS.kafka().createTopic(topic, 4);
    Map<String, String> expectedDirectory = new HashMap<>();
    // Three event hours, all already closed (2-4 hours ago).
    AccessLogGenerator generator = new AccessLogGenerator(7, LINES, 10, 15,
        AccessLogGenerator.hourStartHoursAgo(4), 3, ZoneOffset.UTC);
    KafkaLoader.Loaded loaded = KafkaLoader.produce(SERVERS.kafka().bootstrapServers(), topic, generator, n -> { },
        (AccessLine line) -> expectedDirectory.put(line.line(),
            ROOT + "/access/" + line.app() + "/" + DAY_HOUR.format(Instant.ofEpochMilli(line.eventMillis()))));
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < BAD_LINES; i++) {
      bad.add("garbage that is no access log line #" + i);
    }
    // Bad lines fall back to their Kafka record time: make it an hour that is already closed too.
    KafkaLoader.produceRaw(SERVERS.kafka().bootstrapServers(), topic, "web-0001", AccessLogGenerator.hourStartHoursAgo(4), bad);
    int total = LINES + BAD_LINES;

    FlumeAgent agent = FlumeAgent.builder(HarnessPaths.flumeHome())
        .configFile(HarnessPaths.confExamples().resolve("storage-agent.properties"))
        .workDir(SERVERS.work().resolve("agent"))
        .env(SERVERS.kafka().env())
        .env(SERVERS.hdfs().env())
        .hadoopSite(SERVERS.hdfs().clientSite())
        .env("KAFKA_TOPIC", topic)
        .env("KAFKA_GROUP_ID", "storage-it")
        .env("HDFS_ROOT", ROOT)
        .override("a1.sinks.hdfs.member.maxAge", "3s")
        .override("a1.sinks.hdfs.append.maxAge", "6s")
        .expect("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog")
        .start();
    HdfsReadback.Report report;
    try {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", total, Duration.ofMinutes(3));
      report = awaitEverythingFinished(total, Duration.ofMinutes(2), agent);
      Map<String, String> interceptor = agent.metrics().get("INTERCEPTOR.accesslog");
      assertEquals(String.valueOf(BAD_LINES), interceptor.get("ErrorUnparseableLine"), interceptor.toString());
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
    report = HdfsReadback.read(SERVERS.hdfs().fileSystem(), ROOT, (file, line) -> {
      String dir = file.substring(0, file.lastIndexOf('/'));
      String expected = expectedDirectory.get(line);
      if (expected == null) {
        errorLines.add(line);
        if (!dir.startsWith(ROOT + "/_error/")) {
          misplaced.add(file + ": " + line);
        }
        return;
      }
      if (!dir.equals(expected)) {
        misplaced.add(file + " (expected " + expected + "): " + line);
      }
      sequencesPerFile.computeIfAbsent(file, f -> new ArrayList<>()).add(AccessLine.hostAndSequence(line));
    });
    assertEquals(List.of(), misplaced);
    assertEquals(LINES, report.lines() - errorLines.size());
    Collections.sort(errorLines);
    Collections.sort(bad);
    assertEquals(bad, errorLines);
    LineDigest good = new LineDigest();
    HdfsReadback.read(SERVERS.hdfs().fileSystem(), ROOT + "/access", (file, line) -> good.add(line));
    assertTrue(good.sameLinesAs(loaded.digest()), "every produced line exactly once: " + good + " vs " + loaded.digest());

    // One writer per host and file: within a file, each host's lines keep their Kafka (per-key) order.
    for (Map.Entry<String, List<long[]>> e : sequencesPerFile.entrySet()) {
      Map<Long, Long> last = new HashMap<>();
      for (long[] hostSeq : e.getValue()) {
        Long previous = last.put(hostSeq[0], hostSeq[1]);
        assertTrue(previous == null || previous < hostSeq[1], "per-host order broken in " + e.getKey());
      }
    }
    assertTrue(sequencesPerFile.size() >= 200, "lines spread over >= 200 target files: " + sequencesPerFile.size());
    for (HdfsReadback.FileReport file : report.files()) {
      String name = file.path().substring(file.path().lastIndexOf('/') + 1);
      assertTrue(FINAL_NAME.matcher(name).matches(), "final name: " + file.path());
    }

    // The readers users' jobs use: gzip on the command line and Hadoop's TextInputFormat.
    long zcat = 0;
    for (HdfsReadback.FileReport file : report.files()) {
      zcat += IndependentReaders.zcatLines(SERVERS.hdfs().fileSystem(), file.path(), SERVERS.work().resolve("zcat"));
    }
    assertEquals(total, zcat);
    assertEquals(LINES, IndependentReaders.textInputFormatLines(SERVERS.hdfs().clientConfiguration(), ROOT),
        "TextInputFormat reads every good line and skips the hidden _error bucket");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static HdfsReadback.Report awaitEverythingFinished(int total, Duration timeout, FlumeAgent agent) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> inProgress;
    do {
      inProgress = HdfsReadback.listFiles(SERVERS.hdfs().fileSystem(), ROOT).stream().filter(HdfsReadback::isHidden).toList();
      if (inProgress.isEmpty()) {
        try {
          HdfsReadback.Report report = HdfsReadback.read(SERVERS.hdfs().fileSystem(), ROOT);
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
    throw new AssertionError("after " + timeout.toSeconds() + " s, in-progress files remain: " + inProgress
        + "; sink metrics " + agent.metrics().get("SINK.hdfs"));
  }
}
