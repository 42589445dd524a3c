package io.accesslog.flume.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.hour.HadoopHourStore;
import io.accesslog.flume.sink.hour.WriterRegistry;
import io.accesslog.flume.sink.hour.WriterState;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolBatch;
import io.accesslog.flume.sink.spool.SpoolSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations commands in process: spools written by the sink's own Spool, a root on file://.
 */
class OpsCommandsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
  private static final long H13 = Instant.parse("2026-12-07T13:00:00Z").toEpochMilli();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.Env env =
        new Main.Env(
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new Configuration(),
            k -> null,
            Clock.fixed(NOW, ZoneOffset.UTC),
            false);
    int code = Main.execute(args, env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** 3 batches of 20 records per 4 KB segment; returns the segment files in order. */
  private List<Path> spool(Path spoolDir) throws IOException {
    Random random = new Random(7);
    try (Spool spool =
        Spool.open(SpoolSettings.builder(spoolDir).segmentBytes(4096).maxBytes(1 << 20).build())) {
      for (int batch = 0; batch < 9; batch++) {
        SpoolBatch b = spool.newBatch();
        for (int i = 0; i < 20; i++) {
          String key = "/logs/access/shop/20261207/13\nweb-" + (i % 2) + ".2026120713\n" + H13;
          StringBuilder line = new StringBuilder("GET /p/" + batch + "/" + i + " ");
          for (int c = 0; c < 40; c++) {
            line.append((char) ('a' + random.nextInt(26)));
          }
          b.add(
              key.getBytes(StandardCharsets.UTF_8),
              line.toString().getBytes(StandardCharsets.UTF_8));
        }
        b.commit();
      }
    }
    try (Stream<Path> files = Files.list(spoolDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  private static int storedLength(Path segment, long blockOffset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "r")) {
      f.seek(blockOffset + 24);
      return f.readInt();
    }
  }

  @Test
  void spoolInspectAndVerify_tornTailAndDamagedBlock_reportedExactly() throws IOException {
    Path spoolDir = dir.resolve("spool");
    List<Path> segments = spool(spoolDir);
    assertTrue(segments.size() >= 2, "several segments: " + segments);
    Path first = segments.get(0);
    long block2 = 36 + storedLength(first, 0);
    int stored2 = storedLength(first, block2);
    long block3 = block2 + 36 + stored2;
    assertTrue(block3 < Files.size(first), "an intact block follows the damaged one");
    try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
      f.seek(block2 + 36 + 5);
      int b = f.read();
      f.seek(block2 + 36 + 5);
      f.write(b ^ 0x5a);
    }
    Path newest = segments.get(segments.size() - 1);
    long tornAt = Files.size(newest);
    Files.write(
        newest,
        new byte[] {0x41, 0x4c, 0x53, 0x42, 1, 1, 0, 0, 0, 0, 0},
        StandardOpenOption.APPEND);

    Run inspect = run("spool", "inspect", spoolDir.toString());
    assertEquals(0, inspect.code(), inspect.err());
    String corrupt =
        "CORRUPT_BLOCK "
            + first.getFileName()
            + " offset "
            + block2
            + " length "
            + (36 + stored2)
            + " sequences 20..39 (20 records lost)";
    String torn = "TORN_TAIL " + newest.getFileName() + " offset " + tornAt + " length 11";
    assertTrue(inspect.out().contains(corrupt), inspect.out());
    assertTrue(inspect.out().contains(torn), inspect.out());
    assertTrue(
        inspect.out().contains("damage: 1 torn tail(s), 1 corrupt block(s) (20 records lost)"),
        inspect.out());
    assertTrue(inspect.out().contains("records 160 (sequences 0..179)"), inspect.out());
    assertTrue(inspect.out().contains("oldest hour 2026-12-07T13:00Z"), inspect.out());
    assertTrue(inspect.out().contains("targets: 2"), inspect.out());
    assertTrue(inspect.out().contains("  80  "), "80 records per target: " + inspect.out());

    Run verify = run("spool", "verify", spoolDir.toString());
    assertEquals(Main.DAMAGED, verify.code(), verify.out());
    assertTrue(
        verify
            .out()
            .startsWith(
                "DAMAGED: " + segments.size() + " segment(s), 8 intact block(s), 160 record(s)"),
        verify.out());
    assertTrue(verify.out().contains(corrupt) && verify.out().contains(torn), verify.out());
    assertEquals(tornAt + 11, Files.size(newest), "read-only: the torn tail is still there");
  }

  @Test
  void spoolVerify_intactSpool_exitZero() throws IOException {
    Path spoolDir = dir.resolve("spool");
    spool(spoolDir);
    Run verify = run("spool", "verify", spoolDir.toString());
    assertEquals(0, verify.code(), verify.out());
    assertTrue(verify.out().startsWith("OK: "), verify.out());
    assertTrue(
        verify.out().contains("180 record(s); damage: 0 torn tail(s), 0 corrupt block(s)"),
        verify.out());
  }

  @Test
  void hoursStatusAndWriters_downWriterNamed_retireRefusesTheLiveOne() throws IOException {
    String root = dir.resolve("logs").toUri().toString();
    FileSystem fs = FileSystem.get(dir.toUri(), new Configuration());
    WriterRegistry registry = new WriterRegistry(new HadoopHourStore(fs), root);
    long now = NOW.toEpochMilli();
    registry.writeState(
        new WriterState(
            "a", "host=a spool=/s", now - 5_000, H13 + 7_200_000L, H13, false, WriterState.NONE));
    registry.writeState(
        new WriterState(
            "b", "host=b spool=/s", now - 3_600_000L, H13, H13, false, WriterState.NONE));
    Path hour = dir.resolve("logs/access/shop/20261207/13/web-1.2026120713.w-a.0000.gz");
    Files.createDirectories(hour.getParent());
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(hour))) {
      gz.write("x\n".getBytes(StandardCharsets.UTF_8));
    }

    Run status =
        run(
            "hours",
            "status",
            "--root",
            root,
            "--from",
            "2026-12-07T13:00Z",
            "--to",
            "2026-12-07T13:00Z");
    assertEquals(0, status.code(), status.err());
    assertTrue(
        status.out().contains("access/shop/20261207/13  WAITING   files=1 in-progress=0"),
        status.out());
    assertTrue(status.out().contains("held back by: b (DOWN since"), status.out());
    assertTrue(!status.out().contains("a (alive"), "a finished 13:00: " + status.out());

    Run refused = run("writers", "retire", "a", "--root", root);
    assertEquals(Main.USAGE, refused.code(), refused.out());
    assertTrue(refused.err().contains("writer 'a' is alive"), refused.err());
    Run retired = run("writers", "retire", "b", "--root", root);
    assertEquals(0, retired.code(), retired.err());
    assertTrue(retired.out().contains("spool drain DIR --writer b"), retired.out());

    Run unknown = run("spool", "drain", dir.toString(), "--writer", "nobody", "--root", root);
    assertEquals(Main.USAGE, unknown.code(), unknown.out());
    assertTrue(unknown.err().contains("no writer 'nobody'"), unknown.err());
    Run alive = run("spool", "drain", dir.toString(), "--writer", "a", "--root", root);
    assertEquals(Main.USAGE, alive.code(), alive.out());
    assertTrue(alive.err().contains("writer 'a' is alive"), alive.err());

    Run list = run("writers", "list", "--root", root);
    assertTrue(list.out().contains("a  alive"), list.out());
    assertTrue(list.out().contains("b  retired (spool not drained yet)"), list.out());
    Run after =
        run(
            "hours",
            "status",
            "--root",
            root,
            "--from",
            "2026-12-07T13:00Z",
            "--to",
            "2026-12-07T13:00Z");
    assertTrue(after.out().contains("b (retired, spool not drained yet"), after.out());
  }
}
