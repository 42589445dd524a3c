package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 22, end to end: JSON access lines whose {@code app} and {@code host} hold hostile values
 * ({@code ../../etc}, {@code .dotfile}, {@code _hidden}, {@code ~root}, {@code $(reboot)}, ...)
 * used to be stored under {@code _}-prefixed directories, which Hadoop, Hive and Spark skip: good
 * lines invisible to every job. Here a real agent JVM (from the plugins.d tarball) runs two of our
 * Kafka sources, each with the access-log interceptor ({@code format = json}, {@code app.from =
 * field:app}; host from the Kafka key on one, from a JSON field on the other) -> MemoryChannel ->
 * our gzip HDFS sink, against a real Kafka broker and MiniDFSCluster.
 *
 * <p>Checked: every good line once, in its event hour, under {@code
 * access/<app>/<day>/<hour>/<host>...} where no component starts with {@code _} or {@code .}; one
 * directory per distinct app and one file base per distinct host (case folded), the same whether
 * the host came from the key or the field; a few names exactly as the README's table says; a Hadoop
 * {@code TextInputFormat} job over {@code <root>/*}{@code /*}{@code /*}{@code /*} reads every good
 * line (and the error bucket too: a glob skips hidden names only as its last component), one over
 * {@code <root>/[^_]*}{@code /*}{@code /*}{@code /*} and one over {@code <root>} (recursive,
 * skipping hidden names) read exactly the good lines, so only the error bucket is hidden; the
 * interceptors' {@code RewrittenApp}/{@code RewrittenHost} equal the number of hostile values sent;
 * the sink rewrote nothing ({@code RewrittenValues = 0}).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class HostileNamesIT {
  private static final String ROOT = "/logs/hostile";
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("yyyyMMdd/HH").withZone(ZoneOffset.UTC);

  /** Values the rule must rewrite (counted, kept in {@code <header>.original}). */
  private static final List<String> HOSTILE =
      List.of(
          "../../etc",
          ".dotfile",
          "/abs/path",
          "~root",
          "$(reboot)",
          ";rm -rf /",
          "%2e%2e",
          "_hidden",
          "..",
          ".",
          "_error",
          "__",
          "-rf",
          ".HIDDEN",
          "a b",
          "caf\u00e9",
          "\u65e5\u672c.example",
          "%{host}",
          "\\\\srv\\share",
          "x".repeat(100),
          "tab\there",
          "quote\"d");

  /** Values used as they are (case folded only: not counted). */
  private static final List<String> CLEAN =
      List.of("shop", "api.example.com", "Web-01.Example.COM");

  private static final List<String> HOSTS =
      List.of(
          "..",
          ".dotfile",
          "_hidden",
          "~root",
          "/abs/path",
          "a b",
          "caf\u00e9",
          "-rf",
          "web01",
          "WEB02.example.com");
  private static final int COPIES = 2;
  private static final int BAD_LINES_PER_HOST = 3;

  /** From the README tables (flume-accesslog-interceptor and flume-gzip-hdfs-sink). */
  private static final Map<String, String> DOCUMENTED =
      Map.of(
          "../../etc", "x.._.._etc~2c9072cd",
          ".dotfile", "x.dotfile~1a9690c6",
          "..", "x..~573aea3f",
          "_hidden", "x_hidden~c74e4e77",
          "~root", "x_root~3d2f1b6c",
          "$(reboot)", "x_reboot_~58e2da14",
          ";rm -rf /", "x_rm_-rf_~7f5b406c",
          "%2e%2e", "x_2e_2e~8e2874a8",
          "-rf", "x-rf~4bb6950f",
          "shop", "shop");

  @RegisterExtension static final RealServers SERVERS = new RealServers("hostile-names");

  @Test
  void hostileAppAndHost_everyGoodLineVisibleInItsHour_rewritesCounted() throws IOException {
    long hourStart = AccessLogGenerator.hourStartHoursAgo(3);
    String bootstrap = SERVERS.kafka().bootstrapServers();
    SERVERS.kafka().createTopic("hostile-key", 2);
    SERVERS.kafka().createTopic("hostile-field", 2);

    // line -> {raw app, raw host, expected day/hour}
    Map<String, String[]> expected = new HashMap<>();
    long[] rewritten =
        new long[4]; // key source app, key source host, field source app, field source host
    List<String> apps = new ArrayList<>(HOSTILE);
    apps.addAll(CLEAN);
    int seq = 0;
    for (int source = 0; source < 2; source++) {
      String topic = source == 0 ? "hostile-key" : "hostile-field";
      for (String host : HOSTS) {
        List<String> lines = new ArrayList<>();
        for (String app : apps) {
          for (int c = 0; c < COPIES; c++) {
            long ts = hourStart + (seq * 7_919L) % 3_600_000L;
            String line =
                "{\"ts\":"
                    + ts
                    + ",\"app\":"
                    + json(app)
                    + (source == 1 ? ",\"host\":" + json(host) : "")
                    + ",\"seq\":"
                    + seq++
                    + ",\"request\":\"GET / HTTP/1.1\",\"status\":200}";
            lines.add(line);
            expected.put(line, new String[] {app, host, DAY_HOUR.format(Instant.ofEpochMilli(ts))});
            rewritten[source * 2] += HOSTILE.contains(app) ? 1 : 0;
            rewritten[source * 2 + 1] += HOSTS.indexOf(host) < 8 ? 1 : 0;
          }
        }
        // The key source's host is the Kafka key: on the field source the key is hostile too, and
        // unused.
        KafkaLoader.produceRaw(
            bootstrap, topic, source == 0 ? host : "$(" + host + ")", hourStart, lines);
      }
    }
    // Unparseable lines with hostile keys: the error bucket (hidden on purpose), host still
    // rewritten.
    List<String> bad = new ArrayList<>();
    for (String host : HOSTS) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < BAD_LINES_PER_HOST; i++) {
        lines.add("not json #" + bad.size() + " from " + host);
        bad.add(lines.get(lines.size() - 1));
        rewritten[1] += HOSTS.indexOf(host) < 8 ? 1 : 0;
      }
      KafkaLoader.produceRaw(bootstrap, "hostile-key", host, hourStart, lines);
    }
    int good = expected.size();
    int total = good + bad.size();

    Path config = SERVERS.work().resolve("hostile-agent.properties");
    Files.createDirectories(config.getParent());
    Files.writeString(config, agentConfig(), StandardCharsets.UTF_8);
    FlumeAgent agent =
        SERVERS
            .agent(config.toString(), "agent", "unused", "unused", ROOT)
            .override("a1.sinks.hdfs.writer.id", "hostile")
            .override("a1.sinks.hdfs.member.maxAge", "1s")
            .override("a1.sinks.hdfs.append.maxAge", "2s")
            .expect(
                "SOURCE.viakey",
                "SOURCE.viafield",
                "CHANNEL.ch",
                "SINK.hdfs",
                "INTERCEPTOR.viakey",
                "INTERCEPTOR.viafield")
            .start();
    Map<String, String> viaKey;
    Map<String, String> viaField;
    Map<String, String> sink;
    try {
      agent.awaitCounter("SINK.hdfs", "EventDrainSuccessCount", total, Duration.ofMinutes(3));
      Map<String, Map<String, String>> metrics = agent.metrics();
      viaKey = metrics.get("INTERCEPTOR.viakey");
      viaField = metrics.get("INTERCEPTOR.viafield");
      sink = metrics.get("SINK.hdfs");
    } finally {
      agent.stop();
    }
    assertFalse(agent.process().isAlive());

    // The counters: every hostile value sent was rewritten once, and the sink never rewrote again.
    assertEquals(String.valueOf(rewritten[0]), viaKey.get("RewrittenApp"), viaKey.toString());
    assertEquals(String.valueOf(rewritten[1]), viaKey.get("RewrittenHost"), viaKey.toString());
    assertEquals(String.valueOf(rewritten[2]), viaField.get("RewrittenApp"), viaField.toString());
    assertEquals(String.valueOf(rewritten[3]), viaField.get("RewrittenHost"), viaField.toString());
    assertEquals("0", viaKey.get("RewrittenType"));
    assertEquals(String.valueOf(bad.size()), viaKey.get("ErrorUnparseableLine"), viaKey.toString());
    assertEquals(
        "0", sink.get("RewrittenValues"), "the interceptor's values are fixed points: " + sink);
    assertEquals("0", sink.get("FallbackEvents"), sink.toString());

    // Where every line is.
    List<String> hidden =
        HdfsReadback.listFiles(SERVERS.hdfs().fileSystem(), ROOT).stream()
            .filter(HdfsReadback::isHidden)
            .toList();
    assertEquals(List.of(), hidden, "every file finished at the graceful stop");
    Map<String, String> appDirs = new ConcurrentHashMap<>();
    Map<String, String> hostBases = new ConcurrentHashMap<>();
    Map<String, Integer> copies = new ConcurrentHashMap<>();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    List<String> errorLines = Collections.synchronizedList(new ArrayList<>());
    HdfsReadback.read(
        SERVERS.hdfs().fileSystem(),
        ROOT,
        (file, line) -> {
          String[] parts = file.substring(ROOT.length() + 1).split("/");
          String[] want = expected.get(line);
          if (want == null) {
            errorLines.add(line);
            if (!parts[0].equals("_error")) {
              problems.add("bad line outside the error bucket: " + file);
            }
            return;
          }
          copies.merge(line, 1, Integer::sum);
          for (String component : parts) {
            if (component.startsWith("_") || component.startsWith(".")) {
              problems.add("hidden component '" + component + "' in " + file);
            }
          }
          if (parts.length != 5
              || !parts[0].equals("access")
              || !(parts[2] + "/" + parts[3]).equals(want[2])) {
            problems.add(file + ": expected access/<app>/" + want[2] + "/<file>");
            return;
          }
          String hostBase =
              parts[4].substring(0, parts[4].indexOf("." + parts[2] + parts[3] + ".w-hostile."));
          String previousApp = appDirs.putIfAbsent(fold(want[0]), parts[1]);
          if (previousApp != null && !previousApp.equals(parts[1])) {
            problems.add(
                "app " + want[0] + " in two directories: " + previousApp + ", " + parts[1]);
          }
          String previousHost = hostBases.putIfAbsent(fold(want[1]), hostBase);
          if (previousHost != null && !previousHost.equals(hostBase)) {
            problems.add("host " + want[1] + " under two names: " + previousHost + ", " + hostBase);
          }
        });
    assertEquals(List.of(), problems);
    assertEquals(good, copies.size(), "every good line stored");
    assertTrue(copies.values().stream().allMatch(n -> n == 1), "each once");
    Collections.sort(bad);
    Collections.sort(errorLines);
    assertEquals(bad, errorLines);
    // Distinct values (after case folding) stay distinct, whether the host came from the key or the
    // field.
    assertEquals(apps.size(), new HashSet<>(appDirs.values()).size(), appDirs.toString());
    assertEquals(HOSTS.size(), new HashSet<>(hostBases.values()).size(), hostBases.toString());
    for (Map.Entry<String, String> e : DOCUMENTED.entrySet()) {
      assertEquals(e.getValue(), appDirs.get(e.getKey()), "app " + e.getKey());
      if (hostBases.containsKey(e.getKey())) {
        assertEquals(e.getValue(), hostBases.get(e.getKey()), "host " + e.getKey());
      }
    }
    assertEquals("web-01.example.com", appDirs.get("web-01.example.com"));
    assertEquals("web02.example.com", hostBases.get("web02.example.com"));

    // What downstream jobs see.
    Configuration conf = SERVERS.hdfs().clientConfiguration();
    Map<String, Integer> globbed = textInputFormat(conf, ROOT + "/*/*/*/*", false);
    List<String> missing = new ArrayList<>();
    for (String line : expected.keySet()) {
      if (globbed.getOrDefault(line, 0) != 1) {
        missing.add(line);
      }
    }
    assertEquals(
        List.of(), missing, "lines a TextInputFormat job over <root>/*/*/*/* does not read once");
    // An inner _error component is not skipped by a glob: excluding it by pattern gives exactly the
    // good lines.
    Map<String, Integer> visible = textInputFormat(conf, ROOT + "/[^_]*/*/*/*", false);
    assertEquals(good, visible.size(), "<root>/[^_]*/*/*/* reads the good lines");
    assertTrue(expected.keySet().containsAll(visible.keySet()));
    Map<String, Integer> recursive = textInputFormat(conf, ROOT, true);
    assertEquals(
        good, recursive.size(), "a recursive job over the root skips only the _error bucket");
    assertTrue(expected.keySet().containsAll(recursive.keySet()));
    long globbedLines = globbed.values().stream().mapToLong(Integer::longValue).sum();
    System.out.printf(
        "hostile names: %d good lines (%d hostile app values, %d hostile host values rewritten; "
            + "sink rewrote %s) in %d app directories and %d host names, all read by TextInputFormat over "
            + "%s/*/*/*/* (%d lines there, error bucket included; %d via %s/[^_]*/*/*/*, %d via a recursive job over the root); "
            + "%d bad lines in _error%n",
        good,
        rewritten[0] + rewritten[2],
        rewritten[1] + rewritten[3],
        sink.get("RewrittenValues"),
        new HashSet<>(appDirs.values()).size(),
        new HashSet<>(hostBases.values()).size(),
        ROOT,
        globbedLines,
        visible.size(),
        ROOT,
        recursive.size(),
        bad.size());
  }

  private static String agentConfig() {
    StringBuilder b = new StringBuilder();
    b.append("a1.sources = viakey viafield\na1.channels = ch\na1.sinks = hdfs\n");
    for (String source : new String[] {"viakey", "viafield"}) {
      String p = "a1.sources." + source + ".";
      String i = p + "interceptors.al.";
      b.append(p)
          .append("type = io.accesslog.flume.source.AccessLogKafkaSource\n")
          .append(p)
          .append("channels = ch\n")
          .append(p)
          .append("kafka.bootstrap.servers = ${env:KAFKA_BOOTSTRAP_SERVERS}\n")
          .append(p)
          .append("kafka.topics = ")
          .append(source.equals("viakey") ? "hostile-key" : "hostile-field")
          .append('\n')
          .append(p)
          .append("kafka.consumer.group.id = hostile-")
          .append(source)
          .append('\n')
          .append(p)
          .append("interceptors = al\n")
          .append(i)
          .append("type = io.accesslog.flume.interceptor.AccessLogInterceptor$Builder\n")
          .append(i)
          .append("name = ")
          .append(source)
          .append('\n')
          .append(i)
          .append("format = json\n")
          .append(i)
          .append("time.field = ts\n")
          .append(i)
          .append("time.format = epoch_ms\n")
          .append(i)
          .append("time.fallbackHeader = kafkaTimestamp\n")
          .append(i)
          .append("app.from = field:app\n")
          .append(i)
          .append("host.from = ")
          .append(source.equals("viakey") ? "header:key" : "field:host")
          .append('\n')
          .append(i)
          .append("type.from = static:access\n");
    }
    b.append("a1.channels.ch.type = memory\n")
        .append("a1.channels.ch.capacity = 50000\n")
        .append("a1.channels.ch.transactionCapacity = 10000\n")
        .append("a1.sinks.hdfs.type = io.accesslog.flume.sink.GzipHdfsSink\n")
        .append("a1.sinks.hdfs.channel = ch\n")
        .append("a1.sinks.hdfs.hdfs.root = ${env:HDFS_URI}${env:HDFS_ROOT}\n")
        .append("a1.sinks.hdfs.spool.dir = ${env:FLUME_DATA_DIR}/spool-hdfs\n")
        .append("a1.sinks.hdfs.batchSize = 1000\n");
    return b.toString();
  }

  /**
   * Lines (with how often each is read) that Hadoop's TextInputFormat gives a job with this input
   * path.
   */
  private static Map<String, Integer> textInputFormat(
      Configuration conf, String input, boolean recursive) {
    try {
      Job job = Job.getInstance(new Configuration(conf));
      FileInputFormat.addInputPath(job, new org.apache.hadoop.fs.Path(input));
      FileInputFormat.setInputDirRecursive(job, recursive);
      TextInputFormat format = new TextInputFormat();
      Map<String, Integer> lines = new LinkedHashMap<>();
      for (InputSplit split : format.getSplits(job)) {
        TaskAttemptContext context =
            new TaskAttemptContextImpl(job.getConfiguration(), new TaskAttemptID());
        try (RecordReader<LongWritable, Text> reader = format.createRecordReader(split, context)) {
          reader.initialize(split, context);
          while (reader.nextKeyValue()) {
            lines.merge(reader.getCurrentValue().toString(), 1, Integer::sum);
          }
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? Character.toLowerCase(c) : c);
    }
    return b.toString();
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
