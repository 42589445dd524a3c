package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import io.accesslog.flume.tool.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.IOUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query tool ({@code accesslog-flume}) on files our real sink wrote: a real agent ({@code
 * flume-conf/storage-direct.properties}: the Kafka direct channel with the access-log interceptor,
 * our gzip HDFS sink) against a real Kafka broker and a real MiniDFSCluster, with several apps,
 * hosts and hours, files still in progress (the current hour, agent still running), and a late file
 * (lines for an hour already finished). The tool reads the layout and the log format from that same
 * agent config. Every answer is checked against an independent computation over the produced lines
 * (a regex split of the generator's format, not the interceptor's parser); percentiles exactly in
 * exact mode and within the stated rank bound with the t-digest; a corrupted copy is reported with
 * file and offset and the rest still answered.
 */
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class QueryToolIT {
  private static final String ROOT = "/logs/query";
  private static final Pattern FIELDS =
      Pattern.compile(
          "^(\\S+) - (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\" (\\d+) (\\d+) \"([^\"]*)\" \"([^\"]*)\" (\\S+) (\\S+) (\\S+) (\\S+)$");
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("yyyyMMdd/HH").withZone(ZoneOffset.UTC);

  @RegisterExtension static final RealServers SERVERS = new RealServers("query-tool");

  /** One produced line, split independently. */
  record Line(
      String text,
      String app,
      String host,
      long second,
      String remoteAddr,
      String request,
      int status,
      double requestTime,
      String agent) {
    static Line of(AccessLine a) {
      Matcher m = FIELDS.matcher(a.line());
      if (!m.matches()) {
        throw new IllegalStateException("generator line does not match: " + a.line());
      }
      return new Line(
          a.line(),
          a.app(),
          a.host(),
          Math.floorDiv(a.eventMillis(), 1000) * 1000,
          m.group(1),
          m.group(4),
          Integer.parseInt(m.group(5)),
          Double.parseDouble(m.group(9)),
          m.group(8));
    }
  }

  private static final List<Line> finalLines = new ArrayList<>();
  private static final List<Line> currentHour = new ArrayList<>();
  private static FlumeAgent agent;
  private static long
      h3; // start of the hour 3 hours ago: first event hour, and the late file's hour
  private static long h0; // start of the current hour: in progress
  private static Map<String, String> env;

  @BeforeAll
  static void writeThroughTheSink() {
    String topic = "access-query";
    SERVERS.kafka().createTopic(topic, 4);
    agent =
        SERVERS
            .agent("storage-direct.properties", "query", topic, "query-tool", ROOT)
            .override("a1.sinks.hdfs.member.maxAge", "2s")
            .override("a1.sinks.hdfs.member.lines", "300")
            .override("a1.sinks.hdfs.append.maxAge", "4s")
            .expect("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog")
            .start();
    h3 = AccessLogGenerator.hourStartHoursAgo(3);
    h0 = AccessLogGenerator.hourStartHoursAgo(0);
    String kafka = SERVERS.kafka().bootstrapServers();
    // Two closed hours (3 and 2 hours ago) over 4 web servers and 3 apps; the current hour, still
    // in progress.
    KafkaLoader.produce(
        kafka,
        topic,
        new AccessLogGenerator(11, 12_000, 4, 3, h3, 2, ZoneOffset.UTC),
        n -> {},
        a -> finalLines.add(Line.of(a)));
    KafkaLoader.produce(
        kafka,
        topic,
        new AccessLogGenerator(12, 1_500, 4, 3, h0, 1, ZoneOffset.UTC),
        n -> {},
        a -> currentHour.add(Line.of(a)));
    FileSystem fs = SERVERS.hdfs().fileSystem();
    Duration wait = Duration.ofMinutes(4);
    agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", 13_500, wait);
    awaitLines(fs, 13_500, wait);
    // Late lines for the first hour, which the sink has finished: they go to a new sequence file
    // there.
    List<Line> late = new ArrayList<>();
    KafkaLoader.produce(
        kafka,
        topic,
        new AccessLogGenerator(13, 900, 4, 3, h3, 1, ZoneOffset.UTC),
        n -> {},
        a -> late.add(Line.of(a)));
    finalLines.addAll(late);
    agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", 14_400, wait);
    awaitLines(fs, 14_400, wait);
    List<String> files = HdfsReadback.listFiles(fs, ROOT);
    assertTrue(
        files.stream()
            .anyMatch(
                f ->
                    f.contains("/" + DAY_HOUR.format(Instant.ofEpochMilli(h3)) + "/")
                        && f.matches(".*\\.w-[^/]*\\.0001\\.gz")),
        "a late file (sequence 0001) in the first hour: " + files);
    assertTrue(
        files.stream().anyMatch(f -> HdfsReadback.isHidden(f)),
        "in-progress files of the current hour");
    env = new HashMap<>(SERVERS.hdfs().env());
    env.put("HDFS_ROOT", ROOT);
  }

  /** Until every line is in HDFS, old hours in final files only. */
  private static void awaitLines(FileSystem fs, long total, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String current = "/" + DAY_HOUR.format(Instant.ofEpochMilli(h0)) + "/";
    while (true) {
      try {
        List<String> files = HdfsReadback.listFiles(fs, ROOT);
        boolean oldHoursFinal =
            files.stream().noneMatch(f -> HdfsReadback.isHidden(f) && !f.contains(current));
        if (oldHoursFinal && HdfsReadback.read(fs, ROOT).lines() == total) {
          return;
        }
      } catch (java.io.UncheckedIOException e) {
        // a file renamed between listing and reading: look again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "not all "
                + total
                + " lines in HDFS after "
                + timeout
                + ": "
                + agent.metrics().get("SINK.hdfs"));
      }
      KafkaBroker.sleepQuietly(1000);
    }
  }

  @AfterAll
  static void stopAgent() {
    if (agent != null) {
      agent.stop();
    }
  }

  record Run(int code, String out, String err) {
    List<String> sortedLines() {
      return out.lines().sorted().toList();
    }
  }

  /** The tool in this JVM, as `accesslog-flume <args> --config storage-direct.properties`. */
  private static Run tool(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(
        List.of(
            "--config",
            HarnessPaths.confExamples().resolve("storage-direct.properties").toString()));
    Main.Env e =
        new Main.Env(
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            SERVERS.hdfs().clientConfiguration(),
            env::get,
            Clock.systemUTC(),
            false);
    int code = Main.execute(all.toArray(new String[0]), e);
    Run r =
        new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.printf(
        "accesslog-flume %s -> %d, %d bytes out%s%n",
        String.join(" ", args),
        code,
        r.out.length(),
        r.err.isEmpty() ? "" : ", stderr: " + r.err.strip());
    return r;
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static List<String> expected(List<Line> lines, Predicate<Line> p) {
    return lines.stream().filter(p).map(Line::text).sorted().toList();
  }

  @Test
  void query_addressesInAWindowOfOneApp_exactlyTheProducedLines() {
    long from = h3 + Duration.ofMinutes(13).toMillis();
    long to = h3 + Duration.ofMinutes(33).toMillis() + 20_000;
    Run r =
        tool(
            "query",
            "--app",
            "app0001*",
            "--from",
            iso(from),
            "--to",
            iso(to),
            "--where",
            "remote_addr~^10\\.1[0-9]\\.");
    assertEquals(0, r.code(), r.err());
    List<String> want =
        expected(
            finalLines,
            l ->
                l.app().equals("app0001.example.com")
                    && l.second() >= from
                    && l.second() < to
                    && l.remoteAddr().matches("^10\\.1[0-9]\\..*"));
    assertFalse(want.isEmpty());
    assertEquals(want, r.sortedLines());

    Line one = finalLines.get(4321);
    Run exact =
        tool(
            "query",
            "--where",
            "remote_addr=" + one.remoteAddr(),
            "--from",
            iso(h3),
            "--to",
            iso(h0));
    assertEquals(
        expected(finalLines, l -> l.remoteAddr().equals(one.remoteAddr())), exact.sortedLines());
  }

  @Test
  void query_5xxOfOneHostInOneHour_includingTheLateFile() {
    Run r =
        tool(
            "query",
            "--host",
            "web-0002",
            "--where",
            "status>=500",
            "--from",
            iso(h3),
            "--to",
            iso(h3 + 3_600_000));
    assertEquals(0, r.code(), r.err());
    List<String> want =
        expected(
            finalLines,
            l ->
                l.host().equals("web-0002")
                    && l.status() >= 500
                    && l.second() >= h3
                    && l.second() < h3 + 3_600_000);
    assertTrue(want.size() > 50, "" + want.size());
    assertEquals(want, r.sortedLines());

    Run json =
        tool(
            "query",
            "--json",
            "--host",
            "web-0002",
            "--where",
            "status>=500",
            "--from",
            iso(h3),
            "--to",
            iso(h3 + 3_600_000));
    assertEquals(0, json.code(), json.err());
    assertEquals(
        want.stream().map(QueryToolIT::independentJson).sorted().toList(), json.sortedLines());
  }

  /**
   * A produced line as `query --json` should print it: the log format's fields in order, text as
   * logged.
   */
  private static String independentJson(String line) {
    String[] names = {
      "remote_addr",
      "remote_user",
      "time_local",
      "request",
      "status",
      "body_bytes_sent",
      "http_referer",
      "http_user_agent",
      "request_time",
      "upstream_response_time",
      "host",
      "request_id"
    };
    Matcher m = FIELDS.matcher(line);
    assertTrue(m.matches(), line);
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      b.append(i == 0 ? "\"" : ",\"")
          .append(names[i])
          .append("\":\"")
          .append(m.group(i + 1).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return b.append('}').toString();
  }

  /**
   * The tool as users start it: the tarball's {@code bin/accesslog-flume} in a JVM of its own, with
   * the launcher's flags (the JDK's vectorized byte search; the tests here otherwise run the tool
   * in this JVM, on the portable loop). Same answer as the independent filter.
   */
  @Test
  void launcher_asInstalled_exactlyTheProducedLines() throws Exception {
    Path home = HarnessPaths.flumeHome().root();
    ProcessBuilder pb =
        new ProcessBuilder(
            home.resolve("bin/accesslog-flume").toString(),
            "query",
            "--app",
            "app0001*",
            "--where",
            "status>=500",
            "--config",
            HarnessPaths.confExamples().resolve("storage-direct.properties").toString());
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("ACCESSLOG_TOOL_CDS", "off");
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().remove("ACCESSLOG_TOOL_JAVA_OPTS");
    Path err = SERVERS.work().resolve("launcher.err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "launcher still running");
    assertEquals(0, p.exitValue(), Files.readString(err));
    List<String> want =
        expected(finalLines, l -> l.app().startsWith("app0001") && l.status() >= 500);
    assertTrue(want.size() > 50, "" + want.size());
    assertEquals(want, out.lines().sorted().toList());
  }

  @Test
  void stats_requestTimeOfOneApp_exactPercentilesAndSketchWithinItsBound() {
    String app = "app0000.example.com";
    List<Line> mine = finalLines.stream().filter(l -> l.app().equals(app)).toList();
    double[] values = mine.stream().mapToDouble(Line::requestTime).sorted().toArray();
    Run r =
        tool("stats", "request_time", "--app", app, "--from", iso(h3), "--to", iso(h0), "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, String> s = json(r.out().strip());
    assertEquals(String.valueOf(values.length), s.get("count"));
    assertEquals(values[0], Double.parseDouble(s.get("min")));
    assertEquals(values[values.length - 1], Double.parseDouble(s.get("max")));
    assertEquals(
        Arrays.stream(values).average().orElseThrow(), Double.parseDouble(s.get("mean")), 1e-5);
    assertEquals("true", s.get("exact"));
    for (String q : List.of("50", "90", "99")) {
      assertEquals(
          nearestRank(values, Integer.parseInt(q) / 100.0),
          Double.parseDouble(s.get("p" + q)),
          "p" + q);
    }
    Run sketch =
        tool(
            "stats",
            "request_time",
            "--app",
            app,
            "--from",
            iso(h3),
            "--to",
            iso(h0),
            "--json",
            "--exact-limit",
            "0");
    Map<String, String> t = json(sketch.out().strip());
    assertEquals("false", t.get("exact"));
    for (String q : List.of("50", "90", "99")) {
      double v = Double.parseDouble(t.get("p" + q));
      double qq = Integer.parseInt(q) / 100.0;
      double below = Arrays.stream(values).filter(x -> x < v).count() / (double) values.length;
      double atOrBelow = Arrays.stream(values).filter(x -> x <= v).count() / (double) values.length;
      double err = qq < below ? below - qq : qq > atOrBelow ? qq - atOrBelow : 0;
      double bound =
          (q.equals("50")
                  ? io.accesslog.flume.tool.scan.ValueStats.RANK_ERROR_P50
                  : io.accesslog.flume.tool.scan.ValueStats.RANK_ERROR_TAIL)
              / 100;
      System.out.printf(
          "p%s: exact %s, t-digest %s, rank error %.5f (bound %.3f)%n",
          q, s.get("p" + q), v, err, bound);
      assertTrue(err <= bound, "p" + q + " rank error " + err);
    }
  }

  @Test
  void countByStatus_inProgressOnlyWhenAsked_theLastMinutesVisible() {
    Run finals = tool("count", "--by", "status", "--json");
    assertEquals(0, finals.code(), finals.err());
    assertEquals(countsJson(finalLines), finals.out());
    List<Line> everything = new ArrayList<>(finalLines);
    everything.addAll(currentHour);
    Run all = tool("count", "--by", "status", "--json", "--in-progress");
    assertEquals(countsJson(everything), all.out());

    Run none = tool("count", "--from", iso(h0), "--to", iso(h0 + 3_600_000));
    assertEquals(
        Main.NOTHING_SELECTED,
        none.code(),
        "the current hour has only in-progress files: " + none.err());
    assertTrue(
        none.err().contains("nothing selected") && none.err().contains("--in-progress"),
        none.err());
    long from = h0 + 600_000;
    Run recent = tool("count", "--from", iso(from), "--to", iso(h0 + 3_600_000), "--in-progress");
    assertEquals(currentHour.stream().filter(l -> l.second() >= from).count() + "\n", recent.out());
  }

  private static String countsJson(List<Line> lines) {
    Map<Integer, Long> counts =
        lines.stream()
            .collect(Collectors.groupingBy(Line::status, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Integer, Long> e) -> -e.getValue())
                .thenComparing(e -> e.getKey().toString()))
        .map(e -> "{\"status\":\"" + e.getKey() + "\",\"count\":" + e.getValue() + "}\n")
        .collect(Collectors.joining());
  }

  @Test
  void top_userAgents_andGrepCount() {
    Run r = tool("top", "http_user_agent", "-n", "3", "--json", "--app", "app0002*");
    assertEquals(0, r.code(), r.err());
    Map<String, Long> counts =
        finalLines.stream()
            .filter(l -> l.app().equals("app0002.example.com"))
            .collect(Collectors.groupingBy(Line::agent, Collectors.counting()));
    String want =
        counts.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
                    .thenComparing(Map.Entry::getKey))
            .limit(3)
            .map(
                e ->
                    "{\"http_user_agent\":\"" + e.getKey() + "\",\"count\":" + e.getValue() + "}\n")
            .collect(Collectors.joining());
    assertEquals(want, r.out());
    Run grep = tool("count", "--grep", "curl/8\\.5", "--where", "request~^(POST|PUT) ");
    assertEquals(
        finalLines.stream()
                .filter(
                    l ->
                        l.text().contains("curl/8.5")
                            && (l.request().startsWith("POST ") || l.request().startsWith("PUT ")))
                .count()
            + "\n",
        grep.out());
  }

  @Test
  void download_oneHourOfOneApp_rawFilesIdenticalToHdfs() throws IOException {
    Path dest = SERVERS.work().resolve("download");
    String hourDir =
        ROOT + "/access/app0001.example.com/" + DAY_HOUR.format(Instant.ofEpochMilli(h3));
    Run r =
        tool(
            "download",
            "--app",
            "app0001.example.com",
            "--from",
            iso(h3),
            "--to",
            iso(h3 + 3_600_000),
            "--dest",
            dest.toString());
    assertEquals(0, r.code(), r.err());
    FileSystem fs = SERVERS.hdfs().fileSystem();
    List<String> inHdfs =
        HdfsReadback.listFiles(fs, hourDir).stream()
            .filter(f -> !HdfsReadback.isHidden(f))
            .sorted()
            .toList();
    assertEquals(inHdfs.size(), r.out().lines().count(), r.out());
    for (String f : inHdfs) {
      Path local = dest.resolve(f.substring(ROOT.length() + 1));
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (var in = fs.open(new org.apache.hadoop.fs.Path(f))) {
        IOUtils.copyBytes(in, b, 65536);
      }
      assertTrue(Arrays.equals(b.toByteArray(), Files.readAllBytes(local)), f);
    }
  }

  @Test
  void corruptedFile_reportedWithFileAndOffset_restAnswered() throws IOException {
    FileSystem fs = SERVERS.hdfs().fileSystem();
    String hour = DAY_HOUR.format(Instant.ofEpochMilli(h3 + 3_600_000));
    String dir = ROOT + "/access/app0000.example.com/" + hour;
    List<String> files =
        HdfsReadback.listFiles(fs, dir).stream()
            .filter(f -> !HdfsReadback.isHidden(f))
            .sorted()
            .toList();
    assertTrue(files.size() >= 3, files.toString());
    String copyRoot = "/logs/query-corrupt";
    long expected = 0;
    String victim = null;
    long memberOffset = -1;
    for (String f : files.subList(0, 3)) {
      byte[] bytes = readAll(fs, f);
      List<long[]> members = members(bytes); // {offset, length, lines}
      expected += members.stream().mapToLong(m -> m[2]).sum();
      String copy = copyRoot + f.substring(ROOT.length());
      if (victim == null) {
        // a member with lines (the padding members hold none, and their extra field is not
        // checked)
        List<long[]> withLines = members.stream().filter(x -> x[2] > 0).toList();
        assertTrue(withLines.size() >= 3, f + " has " + withLines.size() + " members with lines");
        long[] m = withLines.get(1);
        bytes[(int) (m[0] + m[1] / 2)] ^= 0x55;
        expected -= m[2];
        victim = copy;
        memberOffset = m[0];
      }
      try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(copy))) {
        out.write(bytes);
      }
    }
    Run r = tool("count", "--root", SERVERS.hdfs().uri() + copyRoot);
    assertEquals(Main.DAMAGED, r.code(), r.err());
    assertEquals(expected + "\n", r.out());
    assertTrue(
        r.err().contains(victim) && r.err().contains("offset " + memberOffset + ":"), r.err());
    Run strict = tool("count", "--root", SERVERS.hdfs().uri() + copyRoot, "--strict");
    assertEquals(Main.DAMAGED, strict.code());
    assertTrue(strict.err().contains("--strict"), strict.err());
  }

  private static byte[] readAll(FileSystem fs, String f) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (var in = fs.open(new org.apache.hadoop.fs.Path(f))) {
      IOUtils.copyBytes(in, b, 65536);
    }
    return b.toByteArray();
  }

  /**
   * The sink's members (10-byte header, or with an extra field for a padding member; raw deflate,
   * 8-byte trailer), split with the JDK's Inflater.
   */
  private static List<long[]> members(byte[] file) {
    List<long[]> out = new ArrayList<>();
    int pos = 0;
    byte[] buf = new byte[1 << 20];
    while (pos < file.length) {
      int header = 10;
      if ((file[pos + 3] & 4) != 0) {
        header += 2 + ((file[pos + 10] & 0xff) | (file[pos + 11] & 0xff) << 8);
      }
      Inflater inf = new Inflater(true);
      inf.setInput(file, pos + header, file.length - pos - header);
      long lines = 0;
      try {
        while (!inf.finished()) {
          int n = inf.inflate(buf);
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              lines++;
            }
          }
        }
      } catch (DataFormatException e) {
        throw new IllegalStateException(e);
      }
      int end = file.length - inf.getRemaining() + 8;
      inf.end();
      out.add(new long[] {pos, end - pos, lines});
      pos = end;
    }
    return out;
  }

  private static double nearestRank(double[] sorted, double q) {
    return sorted[(int) Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1];
  }

  /** A flat JSON object's values as text. */
  private static Map<String, String> json(String object) {
    Map<String, String> m = new HashMap<>();
    Matcher x = Pattern.compile("\"([^\"]+)\":(\"[^\"]*\"|[^,}]+)").matcher(object);
    while (x.find()) {
      m.put(x.group(1), x.group(2).replace("\"", ""));
    }
    return m;
  }
}
