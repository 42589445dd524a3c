package io.accesslog.flume.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line over local files (file://), in process. */
class MainTest {
  static final String FORMAT =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
          + "\"$http_referer\" \"$http_user_agent\" $request_time $upstream_response_time $host $request_id";
  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();
  private String root;

  @BeforeEach
  void files() throws IOException {
    root = dir.toUri().toString();
    int n = 0;
    for (int hour = 13; hour <= 14; hour++) {
      for (String host : List.of("web-01", "web-02")) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int member = 0; member < 3; member++) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < 50; i++, n++) {
            String line =
                String.format(
                    "10.0.0.%d - - [07/Dec/2026:%02d:%02d:%02d +0000] \"GET /p/%d HTTP/1.1\" %d 10 \"-\""
                        + " \"curl\" %.3f - shop.example.com %s-%d",
                    n % 5,
                    hour,
                    (n * 7) % 60,
                    n % 60,
                    n % 9,
                    n % 10 == 0 ? 502 : 200,
                    (n % 100) / 100.0,
                    host,
                    n);
            lines.add(line);
            b.append(line).append('\n');
          }
          try (GZIPOutputStream gz = new GZIPOutputStream(file)) {
            gz.write(b.toString().getBytes(StandardCharsets.UTF_8));
          }
        }
        Path p =
            dir.resolve(
                "access/shop/20261207/" + hour + "/" + host + ".20261207" + hour + ".w-a.0000.gz");
        Files.createDirectories(p.getParent());
        Files.write(p, file.toByteArray());
      }
    }
  }

  private record Run(int code, String out, String err) {}

  private Run run(OutputStream out, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.Env env =
        new Main.Env(
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new Configuration(),
            k -> null,
            Clock.fixed(Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC),
            false);
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.get(0).equals("download")) {
      all.addAll(List.of("--log-format", FORMAT));
    }
    all.addAll(List.of("--root", root));
    int code = Main.execute(all.toArray(new String[0]), env);
    return new Run(code, out.toString(), err.toString(StandardCharsets.UTF_8));
  }

  private Run run(String... args) {
    return run(new ByteArrayOutputStream(), args);
  }

  @Test
  void query_whereAndRange_exactlyTheLinesAnIndependentFilterFinds() {
    Run r = run("query", "--where", "status>=500", "--from", "2026-12-07T13:30Z", "--to", "-1h");
    List<String> expected =
        lines.stream()
            .filter(l -> l.contains("\" 502 "))
            .filter(
                l -> l.compareTo("") >= 0 && minuteOf(l) >= 13 * 60 + 30 && minuteOf(l) < 14 * 60)
            .sorted()
            .toList();
    assertEquals(0, r.code(), r.err());
    assertEquals(expected, r.out().lines().sorted().toList());
  }

  /**
   * Members that end inside a line (a line continues in the next member, cut anywhere: inside the
   * address, right after the status, near its end), and a line of another format among them: the
   * scan's line splitting and its parse-before-the-line-end path give exactly the lines an
   * independent filter finds.
   */
  @Test
  void query_linesCutAcrossMembers_exactlyTheLinesAnIndependentFilterFinds() throws IOException {
    List<String> cutLines = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String line =
          i == 200
              ? "not an access log line 502 \" 503 "
              : String.format(
                  "10.9.%d.%d - - [07/Dec/2026:13:%02d:%02d +0000] \"GET /c/%d HTTP/1.1\" %d 10"
                      + " \"-\" \"curl\" 0.%03d - cut.example.com cut-%d",
                  i % 7, i, i % 60, (i * 13) % 60, i, i % 3 == 0 ? 503 : 200, i, i);
      cutLines.add(line);
      text.append(line).append('\n');
    }
    byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
    java.util.SplittableRandom r = new java.util.SplittableRandom(31);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    int from = 0;
    while (from < all.length) {
      int to = Math.min(all.length, from + r.nextInt(1, 3000));
      try (GZIPOutputStream gz = new GZIPOutputStream(file)) {
        gz.write(all, from, to - from);
      }
      from = to;
    }
    Path p = dir.resolve("access/cut/20261207/13/web-09.2026120713.w-a.0000.gz");
    Files.createDirectories(p.getParent());
    Files.write(p, file.toByteArray());

    Run r5 = run("query", "--app", "cut", "--where", "status>=500");
    assertEquals(0, r5.code(), r5.err());
    List<String> expected =
        cutLines.stream().filter(l -> l.startsWith("10.9.") && l.contains("\" 503 ")).toList();
    assertEquals(134, expected.size());
    assertEquals(expected.stream().sorted().toList(), r5.out().lines().sorted().toList());
    Run count = run("count", "--app", "cut", "--by", "status", "--json");
    assertEquals(
        "{\"status\":\"200\",\"count\":265}\n{\"status\":\"503\",\"count\":134}\n",
        count.out(),
        count.err());
  }

  @Test
  void query_whereTextEquals_exactlyTheLinesWithThatValue() {
    Run r = run("query", "--where", "remote_addr=10.0.0.3", "--where", "request~/p/[12] ");
    assertEquals(0, r.code(), r.err());
    List<String> expected =
        lines.stream()
            .filter(l -> l.startsWith("10.0.0.3 "))
            .filter(l -> l.contains("/p/1 ") || l.contains("/p/2 "))
            .sorted()
            .toList();
    assertTrue(expected.size() > 10, "the test data has such lines");
    assertEquals(expected, r.out().lines().sorted().toList());
  }

  @Test
  void query_jsonFormat_textEqualsMatchesValuesStoredWithEscapes() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(file)) {
      gz.write(
          ("{\"t\":\"2026-12-07T13:01:00Z\",\"path\":\"a\\/b\"}\n"
                  + "{\"t\":\"2026-12-07T13:02:00Z\",\"path\":\"c\"}\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    Path p = dir.resolve("access/js/20261207/13/web-01.2026120713.w-a.0000.gz");
    Files.createDirectories(p.getParent());
    Files.write(p, file.toByteArray());
    Run r =
        run(
            "query",
            "--app",
            "js",
            "--format",
            "json",
            "--time-field",
            "t",
            "--time-format",
            "iso8601",
            "--where",
            "path=a/b");
    assertEquals(0, r.code(), r.err());
    assertEquals("{\"t\":\"2026-12-07T13:01:00Z\",\"path\":\"a\\/b\"}\n", r.out());
  }

  @Test
  void queryJson_oneObjectPerMatchingLine_withTheFormatsFieldsAsLogged() {
    Run r =
        run(
            "query",
            "--json",
            "--where",
            "status>=500",
            "--host",
            "web-01",
            "--from",
            "2026-12-07T13:00Z",
            "--to",
            "2026-12-07T14:00Z");
    assertEquals(0, r.code(), r.err());
    List<String> expected =
        lines.stream()
            .filter(
                l -> l.contains("\" 502 ") && l.contains(" web-01-") && l.contains("/Dec/2026:13:"))
            .map(MainTest::independentJson)
            .sorted()
            .toList();
    assertEquals(15, expected.size());
    assertEquals(expected, r.out().lines().sorted().toList());
  }

  @Test
  void queryJson_escapesQuotesAndBackslashesOfLoggedValues() throws IOException {
    String line =
        "10.0.0.9 - - [07/Dec/2026:13:05:00 +0000] \"GET /q?a=\\x22b HTTP/1.1\" 503 10 \"-\" \"x\\\"y\" 0.5 -"
            + " shop.example.com odd-1";
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(file)) {
      gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path p = dir.resolve("access/odd/20261207/13/web-09.2026120713.w-a.0000.gz");
    Files.createDirectories(p.getParent());
    Files.write(p, file.toByteArray());
    Run r = run("query", "--json", "--app", "odd");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "{\"remote_addr\":\"10.0.0.9\",\"remote_user\":\"-\",\"time_local\":\"07/Dec/2026:13:05:00 +0000\","
            + "\"request\":\"GET /q?a=\\\\x22b HTTP/1.1\",\"status\":\"503\",\"body_bytes_sent\":\"10\","
            + "\"http_referer\":\"-\",\"http_user_agent\":\"x\\\\\\\"y\",\"request_time\":\"0.5\","
            + "\"upstream_response_time\":\"-\",\"host\":\"shop.example.com\",\"request_id\":\"odd-1\"}\n",
        r.out());
  }

  /** The JSON object of a line of {@link #FORMAT}, split by a regex written for this test. */
  private static String independentJson(String line) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(\\S+) - (\\S+) \\[([^\\]]+)\\] \"([^\"]*)\""
                    + " (\\d+) (\\d+) \"([^\"]*)\" \"([^\"]*)\" (\\S+) (\\S+) (\\S+) (\\S+)")
            .matcher(line);
    assertTrue(m.matches(), line);
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
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      b.append(i == 0 ? "" : ",")
          .append('"')
          .append(names[i])
          .append("\":\"")
          .append(m.group(i + 1))
          .append('"');
    }
    return b.append('}').toString();
  }

  private static int minuteOf(String line) {
    int i = line.indexOf(":", line.indexOf('[')) + 1;
    return Integer.parseInt(line.substring(i, i + 2)) * 60
        + Integer.parseInt(line.substring(i + 3, i + 5));
  }

  @Test
  void count_byStatus_andStatsP90() {
    Run c = run("count", "--by", "status", "--json");
    assertEquals(0, c.code(), c.err());
    assertEquals(
        "{\"status\":\"200\",\"count\":540}\n{\"status\":\"502\",\"count\":60}\n", c.out());
    Run s = run("stats", "request_time", "--host", "web-02", "--json");
    assertTrue(s.out().contains("\"count\":300,") && s.out().contains("\"p90\":0.9"), s.out());
  }

  @Test
  void query_closedPipe_stopsQuietlyWithStatusZero() {
    OutputStream closing =
        new OutputStream() {
          private int written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > 100) {
              throw new IOException("Broken pipe");
            }
          }
        };
    Run r = run(closing, "query", "--threads", "2");
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void corruptFile_reportedWithOffset_restAnswered_statusOne() throws IOException {
    Path victim = dir.resolve("access/shop/20261207/14/web-02.2026120714.w-a.0000.gz");
    byte[] b = Files.readAllBytes(victim);
    b[b.length - 20] ^= 0x40;
    Files.write(victim, b);
    Run r = run("count");
    assertEquals(1, r.code(), r.err());
    assertEquals("550\n", r.out());
    assertTrue(
        r.err().contains("damaged: " + victim.toUri().toString().replace("file:///", "file:/"))
            && r.err().contains("offset "),
        r.err());
    Run strict = run("count", "--strict", "--threads", "1");
    assertEquals(1, strict.code(), strict.err());
    assertTrue(strict.err().contains("--strict"), strict.err());
  }

  @Test
  void emptySelection_saysWhatItLookedFor_statusThree() {
    Run r = run("count", "--app", "nope", "--from", "-1h");
    assertEquals(3, r.code());
    assertTrue(
        r.err().contains("nothing selected")
            && r.err().contains("app=nope")
            && r.err().contains("matched 0 directories"),
        r.err());
  }

  @Test
  void principalWithoutKeytab_usageErrorStatusTwo() {
    Run r = run("count", "--principal", "reader@EXAMPLE.COM");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--principal and --keytab go together"), r.err());
  }

  @Test
  void keytabMissing_usageErrorNamingIt() {
    String keytab = dir.resolve("nope.keytab").toString();
    Run r = run("count", "--principal", "reader@EXAMPLE.COM", "--keytab", keytab);
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--keytab " + keytab + ": not a readable file"), r.err());
  }

  @Test
  void badWhere_oneLineStatusTwo() {
    Run r = run("query", "--where", "status>>5");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("accesslog-flume: --where 'status>>5'"), r.err());
  }

  @Test
  void download_copiesTheRawFilesVerifiedByLength() throws IOException {
    Path dest = dir.resolve("../dl-" + System.nanoTime()).normalize();
    Run r = run("download", "--dest", dest.toString(), "--host", "web-01");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().count());
    for (String local : r.out().lines().toList()) {
      Path rel = dest.relativize(Path.of(local));
      assertEquals(-1, Files.mismatch(Path.of(local), dir.resolve(rel)));
    }
  }

  @Test
  void help_everySubcommand() {
    for (String c : List.of("query", "stats", "top", "count", "download")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Main.Env env =
          new Main.Env(
              out,
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
              new Configuration(),
              k -> null,
              Clock.systemUTC(),
              false);
      assertEquals(0, Main.execute(new String[] {c, "--help"}, env));
      assertTrue(out.toString().contains("Usage: accesslog-flume " + c), out.toString());
      assertTrue(out.toString().contains("--json"), c + " has machine output: " + out);
    }
  }

  /**
   * A run that names a subcommand builds only that one: the names must be every subcommand's, and
   * the help the same.
   */
  @Test
  void lazySubcommands_sameNamesAndHelpAsTheFullModel() {
    Main.Env env =
        new Main.Env(
            new ByteArrayOutputStream(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new Configuration(),
            k -> null,
            Clock.systemUTC(),
            false);
    picocli.CommandLine full = new picocli.CommandLine(new Main.Full(env));
    java.util.Set<String> names = new java.util.TreeSet<>(full.getSubcommands().keySet());
    names.remove("help");
    assertEquals(names, new java.util.TreeSet<>(Main.subcommandNames()));
    int compared = 0;
    for (String c : names) {
      picocli.CommandLine command = full.getSubcommands().get(c);
      List<String[]> leaves = new ArrayList<>();
      List<picocli.CommandLine> models = new ArrayList<>();
      if (command.getSubcommands().isEmpty()) {
        leaves.add(new String[] {c, "--help"});
        models.add(command);
      }
      command
          .getSubcommands()
          .forEach(
              (sub, model) -> {
                leaves.add(new String[] {c, sub, "--help"});
                models.add(model);
              });
      for (int i = 0; i < leaves.size(); i++) {
        ByteArrayOutputStream lazy = new ByteArrayOutputStream();
        Main.Env lazyEnv =
            new Main.Env(lazy, env.err(), env.hadoop(), env.variables(), env.clock(), false);
        assertEquals(0, Main.execute(leaves.get(i), lazyEnv), String.join(" ", leaves.get(i)));
        java.io.StringWriter expected = new java.io.StringWriter();
        models.get(i).usage(new java.io.PrintWriter(expected, true));
        assertEquals(
            expected.toString(),
            lazy.toString(StandardCharsets.UTF_8),
            String.join(" ", leaves.get(i)));
        compared++;
      }
    }
    assertTrue(compared >= 11, "every leaf command's help compared: " + compared);
  }
}
