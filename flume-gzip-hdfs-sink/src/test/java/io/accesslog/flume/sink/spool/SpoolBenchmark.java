package io.accesslog.flume.sink.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;

/**
 * Throughput of the spool hot path: batches of 5,000 realistic nginx lines (~240 bytes) spread over
 * 2,000 target keys, committed with one fsync each, plus the same encoding without any IO to
 * separate CPU cost from disk cost, and a replay of what is left. Not a unit test; prints numbers.
 * Key arrays are reused per target, as the sink does (see {@link KeyDictionary}).
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl flume-gzip-hdfs-sink test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/spool-cp.txt
 * java -cp flume-gzip-hdfs-sink/target/test-classes:flume-gzip-hdfs-sink/target/classes:$(cat \
 *     /tmp/spool-cp.txt) io.accesslog.flume.sink.spool.SpoolBenchmark [dir] [batches]
 * </pre>
 *
 * {@code dir} defaults to a new temporary directory (deleted afterwards); put it on the disk the
 * spool will use in production, since fsync cost is a property of that disk.
 */
public final class SpoolBenchmark {
  private static final int BATCH = 5_000;
  private static final int KEYS = 2_000;
  private static final int LINE_POOL = 100_000;

  private SpoolBenchmark() {}

  public static void main(String[] args) throws IOException {
    boolean temporary = args.length < 1;
    Path dir = temporary ? Files.createTempDirectory("spool-bench") : Paths.get(args[0]);
    int batches = args.length < 2 ? 600 : Integer.parseInt(args[1]);
    Random random = new Random(42);
    byte[][] keys = keys(random);
    byte[][] lines = lines(random);
    int[] keyOfLine = new int[LINE_POOL];
    for (int i = 0; i < LINE_POOL; i++) {
      // Skewed like real traffic: a few big sites, a long tail.
      keyOfLine[i] = (int) (KEYS * Math.pow(random.nextDouble(), 2));
    }
    System.out.printf(
        Locale.ROOT,
        "spool benchmark: dir=%s, %d batches x %d lines, %d keys, " + "lz4=%s%n",
        dir,
        batches,
        BATCH,
        KEYS,
        LZ4Factory.fastestInstance());

    encodeOnly(keys, lines, keyOfLine, batches / 4);
    encodeOnly(keys, lines, keyOfLine, batches);
    try {
      spool(dir, keys, lines, keyOfLine, batches / 10, "warm-up");
      spool(dir, keys, lines, keyOfLine, batches, "spool");
      replay(dir);
    } finally {
      if (temporary) {
        deleteRecursively(dir);
      }
    }
  }

  private static void spool(
      Path dir, byte[][] keys, byte[][] lines, int[] keyOfLine, int batches, String label)
      throws IOException {
    SpoolSettings settings = SpoolSettings.builder(dir).build();
    long inputBytes = 0;
    long storedBytes = 0;
    int next = 0;
    long start;
    long elapsed;
    try (Spool spool = Spool.open(settings)) {
      long sizeBefore = spool.sizeBytes();
      start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        SpoolBatch batch = spool.newBatch();
        for (int i = 0; i < BATCH; i++) {
          byte[] line = lines[next];
          byte[] key = keys[keyOfLine[next]];
          batch.add(key, line);
          inputBytes += line.length + key.length;
          next = next + 1 == LINE_POOL ? 0 : next + 1;
        }
        batch.commit();
        if (b % 50 == 49) {
          storedBytes += spool.sizeBytes() - sizeBefore;
          spool.retireBefore(spool.nextSequence());
          sizeBefore = spool.sizeBytes();
        }
      }
      elapsed = System.nanoTime() - start;
      storedBytes += spool.sizeBytes() - sizeBefore;
    }
    report(label + " (write+fsync)", batches, inputBytes, storedBytes, elapsed, true);
  }

  /** Replays what the last run left (up to 50 batches: it retires as it goes). */
  private static void replay(Path dir) throws IOException {
    long[] bytes = new long[1];
    long start = System.nanoTime();
    ReplayResult result =
        SpoolReader.replay(
            dir,
            0,
            (seq, key, buf, off, len) -> {
              bytes[0] += len + key.length;
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-26s %7.1f MB/s output %10.0f lines/s  (%d records in " + "%.2f s, clean=%b)%n",
        "replay (decode+verify)",
        bytes[0] / 1e6 / seconds,
        result.recordsReplayed() / seconds,
        result.recordsReplayed(),
        seconds,
        result.isClean());
  }

  private static void encodeOnly(byte[][] keys, byte[][] lines, int[] keyOfLine, int batches) {
    BlockEncoder encoder = new BlockEncoder(LZ4Factory.fastestInstance().fastCompressor());
    long inputBytes = 0;
    long storedBytes = 0;
    int next = 0;
    long addNanos = 0;
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      long batchStart = System.nanoTime();
      encoder.reset();
      for (int i = 0; i < BATCH; i++) {
        byte[] line = lines[next];
        byte[] key = keys[keyOfLine[next]];
        encoder.add(key, line, 0, line.length);
        inputBytes += line.length + key.length;
        next = next + 1 == LINE_POOL ? 0 : next + 1;
      }
      addNanos += System.nanoTime() - batchStart;
      storedBytes += encoder.finish((long) b * BATCH);
    }
    long total = System.nanoTime() - start;
    report("encode only (no IO)", batches, inputBytes, storedBytes, total, false);
    System.out.printf(
        Locale.ROOT,
        "  of which add() %.0f%%, finish() (LZ4 + CRC32) %.0f%%; "
            + "%.0f input bytes per line (key included)%n",
        100.0 * addNanos / total,
        100.0 * (total - addNanos) / total,
        (double) inputBytes / batches / BATCH);
  }

  private static void report(
      String label, int batches, long inputBytes, long storedBytes, long nanos, boolean fsyncs) {
    double seconds = nanos / 1e9;
    double lines = (double) batches * BATCH;
    System.out.printf(
        Locale.ROOT,
        "%-26s %7.1f MB/s input  %10.0f lines/s  %s  "
            + "stored/input %.3f  (%d batches in %.2f s)%n",
        label,
        inputBytes / 1e6 / seconds,
        lines / seconds,
        fsyncs ? String.format(Locale.ROOT, "%7.0f fsyncs/s", batches / seconds) : "             ",
        (double) storedBytes / inputBytes,
        batches,
        seconds);
  }

  private static byte[][] keys(Random random) {
    byte[][] keys = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] =
          String.format(
                  Locale.ROOT,
                  "/data/accesslog/site-%04d/2024/05/17/10/edge-%02d.access.log.gz",
                  i,
                  random.nextInt(40))
              .getBytes(StandardCharsets.UTF_8);
    }
    return keys;
  }

  private static byte[][] lines(Random random) {
    String[] methods = {"GET", "GET", "GET", "GET", "POST", "HEAD"};
    String[] paths = {
      "/",
      "/index.html",
      "/api/v2/items",
      "/static/js/app.",
      "/img/product/",
      "/search?q=",
      "/cart/add?sku=",
      "/account/orders/"
    };
    String[] agents = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          + "Chrome/124.0.0.0 Safari/537.36",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
          + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "curl/8.5.0"
    };
    String[] referers = {
      "-",
      "-",
      "https://www.google.com/",
      "https://shop.example.com/cart",
      "https://shop.example.com/search?q=shoes"
    };
    int[] statuses = {200, 200, 200, 200, 200, 304, 301, 404, 500};
    byte[][] lines = new byte[LINE_POOL][];
    for (int i = 0; i < LINE_POOL; i++) {
      String line =
          String.format(
              Locale.ROOT,
              "%d.%d.%d.%d - - [17/May/2024:10:%02d:%02d +0000] \"%s %s%d HTTP/1.1\" %d %d "
                  + "\"%s\" \"%s\" rt=%.3f urt=%.3f host=shop-%d.example.com",
              random.nextInt(223) + 1,
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(256),
              random.nextInt(60),
              random.nextInt(60),
              methods[random.nextInt(methods.length)],
              paths[random.nextInt(paths.length)],
              random.nextInt(1_000_000),
              statuses[random.nextInt(statuses.length)],
              random.nextInt(50_000),
              referers[random.nextInt(referers.length)],
              agents[random.nextInt(agents.length)],
              random.nextDouble(),
              random.nextDouble(),
              random.nextInt(100));
      lines[i] = line.getBytes(StandardCharsets.UTF_8);
    }
    return lines;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
