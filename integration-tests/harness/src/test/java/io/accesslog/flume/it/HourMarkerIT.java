package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import io.accesslog.flume.sink.hour.Marker;
import io.accesslog.flume.sink.hour.WriterState;
import io.accesslog.flume.tool.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hour markers across two real agents ({@code flume-conf/storage-direct.properties}, one consumer
 * group, one root), and the operations tool on what they left: the marker waits for both writers; a
 * stopped writer with lines only in its spool holds the hour and is named by {@code hours status};
 * {@code writers retire} refuses it while it is alive; after it dies (kill -9, its lines only in
 * its spool), {@code writers retire} plus {@code spool drain} of a copy of its spool put every line
 * in HDFS exactly once and the marker appears, counting exactly the lines its files hold; a late
 * line then reopens the hour ({@code late.policy = reopen}, the default) and is counted.
 */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class HourMarkerIT {
  private static final String TOPIC = "hours";
  private static final String GROUP = "hours";
  private static final String ROOT = "/logs/hours";

  @RegisterExtension static final RealServers SERVERS = new RealServers("hour-marker");

  @Test
  void markerWaitsForBothWriters_stoppedWriterNamed_retireAndDrainComplete_lateLineReopens()
      throws Exception {
    SERVERS.kafka().createTopic(TOPIC, 4);
    FileSystem fs = SERVERS.hdfs().fileSystem();
    String root = SERVERS.hdfs().uri() + ROOT;
    long hour = AccessLogGenerator.hourStartHoursAgo(3);
    // hm-b keeps its lines in its spool and buffers (append.maxAge 10m): it writes nothing before
    // it dies
    CompletableFuture<FlumeAgent> startingB =
        CompletableFuture.supplyAsync(() -> agent("hm-b", "10m").start());
    FlumeAgent a;
    try {
      a = agent("hm-a", "2s").start();
    } catch (RuntimeException e) {
      startingB.join().stop();
      throw e;
    }
    try {
      FlumeAgent b = startingB.join();
      long bTook;
      Set<String> produced = ConcurrentHashMap.newKeySet();
      long started = System.nanoTime();
      try {
        // 3000 lines drain in well under a second: produced only once both agents hold
        // partitions, or hm-a alone may take them all before hm-b has joined the group
        KafkaOffsets.awaitSpread(SERVERS.kafka(), GROUP, TOPIC, 2, Duration.ofMinutes(1));
        AccessLogGenerator generator =
            new AccessLogGenerator(91, 3000, 6, 2, hour, 1, ZoneOffset.UTC);
        KafkaLoader.produce(
            SERVERS.kafka().bootstrapServers(),
            TOPIC,
            generator,
            n -> {},
            (AccessLine line) -> produced.add(line.line()));
        AgentChecks.await(
            "both drained Kafka; hm-a wrote everything it took",
            Duration.ofMinutes(2),
            a,
            () ->
                KafkaOffsets.lag(SERVERS.kafka(), GROUP, TOPIC) == 0
                    && a.counter("SINK.hdfs", "Level1Bytes") == 0
                    && a.counter("SINK.hdfs", "Level2Bytes") == 0
                    && a.counter("SINK.hdfs", "InFlightBytes") == 0);
        assertTrue(
            b.counter("SINK.hdfs", "EventDrainSuccessCount") > 0,
            "hm-b took lines: " + b.metrics());
        assertEquals(0, b.counter("SINK.hdfs", "FilesFinished"), "hm-b finished nothing yet");
        // The hour is over (3 hours ago): a writer holds it either as not finished
        // (finishedThrough) or, when every
        // writer had finished it before its lines came (markedThrough passed it), as a late hour
        // (lateHours).
        AgentChecks.await(
            "hm-a published that it holds nothing of the hour",
            Duration.ofSeconds(30),
            a,
            () -> finished(state(fs, "hm-a"), hour));
        AgentChecks.await(
            "hm-b published that it holds lines of the hour",
            Duration.ofSeconds(30),
            a,
            () -> holds(state(fs, "hm-b"), hour));
        KafkaBroker.sleepQuietly(3000); // three more heartbeat rounds of hm-a
        assertEquals(List.of(), markers(fs, hour), "hm-b has not finished the hour: no marker");
        Run status =
            tool("hours", "status", "--root", root, "--from", iso(hour), "--to", iso(hour));
        assertTrue(
            status.out.contains("WAITING") && status.out.contains("held back by: hm-b (alive, "),
            status.out);
        Run refused = tool("writers", "retire", "hm-b", "--root", root);
        assertEquals(Main.USAGE, refused.code, refused.err);
        assertTrue(refused.err.contains("writer 'hm-b' is alive"), refused.err);
        // Kafka holds no unacknowledged line of hm-b (lag 0), so nothing is delivered again: its
        // lines are only in
        // its spool when it dies
        bTook = b.counter("SINK.hdfs", "EventDrainSuccessCount");
        assertEquals(0, b.counter("SINK.hdfs", "HdfsWrites"), "hm-b wrote nothing to HDFS");
        assertTrue(
            b.counter("SINK.hdfs", "Level2Bytes") > 0, "hm-b holds its lines: " + b.metrics());
        b.kill();
      } finally {
        b.stop();
      }
      Path bSpool = b.workDir().resolve("data/spool-hdfs");
      assertTrue(Files.isDirectory(bSpool), bSpool.toString());
      AgentChecks.await(
          "hm-b is reported DOWN",
          Duration.ofSeconds(30),
          a,
          () ->
              tool(
                      "hours",
                      "status",
                      "--root",
                      root,
                      "--stale-after",
                      "4",
                      "--from",
                      iso(hour),
                      "--to",
                      iso(hour))
                  .out
                  .contains("held back by: hm-b (DOWN since"));
      assertTrue(
          holds(state(fs, "hm-b"), hour), "hm-b's last state: lines of the hour in its spool");
      assertEquals(
          List.of(), markers(fs, hour), "a stopped writer with lines in its spool holds the hour");
      assertTrue(
          tool("spool", "inspect", bSpool.toString())
              .out
              .contains("damage: 0 torn tail(s), 0 corrupt"));

      Run retire = tool("writers", "retire", "hm-b", "--root", root, "--stale-after", "4");
      assertEquals(0, retire.code, retire.err);
      KafkaBroker.sleepQuietly(2500);
      assertEquals(
          List.of(), markers(fs, hour), "retired, but its spool is not drained yet: still held");

      // "another machine": the spool copied elsewhere, drained from the copy
      Path copy = SERVERS.work().resolve("hm-b-spool-copy");
      copyDirectory(bSpool, copy);
      Run drain =
          tool(
              "spool",
              "drain",
              copy.toString(),
              "--writer",
              "hm-b",
              "--root",
              root,
              "--stale-after",
              "4");
      assertEquals(0, drain.code, drain.out + drain.err);
      assertTrue(drain.out.contains("is marked drained"), drain.out);
      assertTrue(
          drain.out.contains("drained: " + bTook + " record(s) written to HDFS, 0 already there"),
          drain.out);
      Run again =
          tool(
              "spool",
              "drain",
              copy.toString(),
              "--writer",
              "hm-b",
              "--root",
              root,
              "--stale-after",
              "4");
      assertEquals(0, again.code, again.err);
      assertTrue(
          again.out.contains("drained: 0 record(s) written to HDFS, " + bTook + " already there"),
          "idempotent: " + again.out);

      AgentChecks.await(
          "the marker appears in every directory of the hour",
          Duration.ofSeconds(30),
          a,
          () ->
              markers(fs, hour).size() == directories(fs, hour).size()
                  && !directories(fs, hour).isEmpty());
      System.out.printf(
          "hour-marker: markers after drain %.1f s after the start%n",
          (System.nanoTime() - started) / 1e9);
      Map<String, Integer> copies = AgentChecks.readFinished(SERVERS, ROOT);
      assertEquals(produced, copies.keySet(), "every produced line in HDFS");
      assertEquals(0, copies.values().stream().mapToLong(n -> n - 1L).sum(), "no line twice");
      assertEquals(produced.size(), checkMarkers(fs, hour, 1), "the markers count every line once");
      Run complete =
          tool("hours", "status", "--root", root, "--from", iso(hour), "--to", iso(hour));
      assertTrue(
          complete.out.contains("COMPLETE") && !complete.out.contains("WAITING"), complete.out);

      long lateBefore = a.counter("SINK.hdfs", "LateLinesAfterMarker");
      AccessLogGenerator late = new AccessLogGenerator(92, 1, 1, 1, hour, 1, ZoneOffset.UTC);
      List<String> lateLine = new ArrayList<>();
      KafkaLoader.produce(
          SERVERS.kafka().bootstrapServers(), TOPIC, late, n -> {}, l -> lateLine.add(l.line()));
      a.awaitCounter("SINK.hdfs", "LateLinesAfterMarker", lateBefore + 1, Duration.ofSeconds(60));
      AgentChecks.await(
          "the late line's directory has marker revision 2",
          Duration.ofSeconds(60),
          a,
          () -> markerRevisions(fs, hour).contains(2));
      assertEquals(
          lateBefore + 1,
          a.counter("SINK.hdfs", "LateLinesAfterMarker"),
          "one late line, counted once");
      a.stop();
      Map<String, Integer> after = AgentChecks.readFinished(SERVERS, ROOT);
      assertEquals(1, after.get(lateLine.get(0)), "the late line is in HDFS once");
      assertEquals(
          produced.size() + 1,
          checkMarkers(fs, hour, 2),
          "the rewritten marker counts the late line");
      System.out.printf(
          "hour-marker: %d lines, %d directories, took %.1f s%n",
          produced.size() + 1, directories(fs, hour).size(), (System.nanoTime() - started) / 1e9);
    } finally {
      a.stop(); // idempotent
    }
  }

  private static FlumeAgent.Builder agent(String writer, String appendMaxAge) {
    return SERVERS
        .agent("storage-direct.properties", writer, TOPIC, GROUP, ROOT)
        .override("a1.sinks.hdfs.writer.id", writer)
        .override("a1.sinks.hdfs.member.maxAge", "1s")
        .override("a1.sinks.hdfs.append.maxAge", appendMaxAge)
        .override("a1.sinks.hdfs.heartbeat.interval", "1s")
        .override("a1.sinks.hdfs.heartbeat.staleAfter", "4s")
        .expect("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog");
  }

  private record Run(int code, String out, String err) {}

  private static Run tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.Env e =
        new Main.Env(
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            SERVERS.hdfs().clientConfiguration(),
            k -> null,
            Clock.systemUTC(),
            false);
    int code = Main.execute(args, e);
    Run r =
        new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.printf("accesslog-flume %s -> %d%n%s%s", String.join(" ", args), code, r.out, r.err);
    return r;
  }

  private static String iso(long millis) {
    return java.time.Instant.ofEpochMilli(millis).toString();
  }

  /** A state actually read (heartbeat set), past its start-up, holding nothing of the hour. */
  private static boolean finished(WriterState s, long hour) {
    return s.heartbeatMillis > 0 && !s.recovering && !holds(s, hour);
  }

  private static boolean holds(WriterState s, long hour) {
    return !s.recovering && (s.finishedThrough <= hour || s.lateHours.contains(hour));
  }

  private static WriterState state(FileSystem fs, String writer) {
    try (InputStream in =
        fs.open(new org.apache.hadoop.fs.Path(ROOT + "/_writers/.state/" + writer))) {
      return WriterState.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return new WriterState(
          writer, "", 0, WriterState.NONE, WriterState.NONE, true, WriterState.NONE);
    }
  }

  /** The hour's directories: {@code access/<app>/<yyyyMMdd>/<HH>}. */
  private static List<String> directories(FileSystem fs, long hour) {
    String glob =
        ROOT
            + "/access/*/"
            + new java.text.SimpleDateFormat("yyyyMMdd/HH") {
              {
                setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
              }
            }.format(new java.util.Date(hour));
    try {
      FileStatus[] found = fs.globStatus(new org.apache.hadoop.fs.Path(glob));
      List<String> dirs = new ArrayList<>();
      for (FileStatus s : found == null ? new FileStatus[0] : found) {
        dirs.add(s.getPath().toUri().getPath());
      }
      return dirs;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> markers(FileSystem fs, long hour) {
    List<String> found = new ArrayList<>();
    for (String dir : directories(fs, hour)) {
      try {
        if (fs.exists(new org.apache.hadoop.fs.Path(dir + "/_COMPLETE"))) {
          found.add(dir);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return found;
  }

  private static Set<Integer> markerRevisions(FileSystem fs, long hour) {
    Set<Integer> revisions = new java.util.HashSet<>();
    for (String dir : markers(fs, hour)) {
      revisions.add(marker(fs, dir).revision);
    }
    return revisions;
  }

  private static Marker marker(FileSystem fs, String dir) {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(dir + "/_COMPLETE"))) {
      return Marker.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Every marker of the hour lists exactly the directory's final files, with the lines each really
   * holds (read back with Hadoop's codec) and both writers; returns the lines the markers count.
   * {@code maxRevision}: the highest revision expected.
   */
  private static long checkMarkers(FileSystem fs, long hour, int maxRevision) {
    HdfsReadback.Report report = HdfsReadback.read(fs, ROOT);
    Map<String, Long> linesPerFile = new HashMap<>();
    for (HdfsReadback.FileReport f : report.files()) {
      linesPerFile.put(f.path(), f.lines());
    }
    long total = 0;
    for (String dir : directories(fs, hour)) {
      Marker m = marker(fs, dir);
      assertTrue(m.revision >= 1 && m.revision <= maxRevision, dir + ": revision " + m.revision);
      assertTrue(
          m.writers.contains("hm-a") && m.writers.stream().anyMatch(w -> w.startsWith("hm-b")),
          dir + ": " + m.writers);
      assertEquals(0, m.inProgressFiles, dir);
      long inDir =
          linesPerFile.entrySet().stream()
              .filter(e -> e.getKey().startsWith(dir + "/"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertEquals(inDir, m.lines(), dir + ": the marker counts every line its directory holds");
      for (Marker.FileCount f : m.files) {
        assertEquals(linesPerFile.get(dir + "/" + f.name), (Long) f.lines, dir + "/" + f.name);
      }
      total += m.lines();
    }
    return total;
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("spool.lock")) {
          Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
