package io.accesslog.flume.sink.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Shared helpers of the spool tests. */
final class SpoolFixtures {
  private SpoolFixtures() {}

  /** A record as replayed. */
  record Rec(long seq, byte[] key, byte[] line) {
    static Rec of(long seq, String key, String line) {
      return new Rec(seq, utf8(key), utf8(line));
    }
  }

  /** What a replay returned. */
  record Replayed(List<Rec> records, ReplayResult result) {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static SpoolSettings settings(Path dir, long segmentBytes) {
    return SpoolSettings.builder(dir)
        .segmentBytes(segmentBytes)
        .maxBytes(segmentBytes * 1000)
        .build();
  }

  static String key(int target) {
    return "/logs/site-" + (target % 37) + "/2024/05/17/" + (target % 24) + "/access.log.gz";
  }

  static String line(long n) {
    return "10.0."
        + (n % 256)
        + "."
        + (n % 7)
        + " - - [17/May/2024:10:00:"
        + (n % 60)
        + " +0000] \"GET /item/"
        + n
        + " HTTP/1.1\" 200 "
        + (n * 7919 % 10000);
  }

  /** Writes {@code batches} batches of {@code perBatch} records; returns what was written. */
  static List<Rec> writeBatches(Spool spool, int batches, int perBatch, long salt)
      throws IOException {
    List<Rec> written = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      SpoolBatch batch = spool.newBatch();
      for (int i = 0; i < perBatch; i++) {
        long n = salt + (long) b * perBatch + i;
        Rec rec = Rec.of(0, key((int) (n % 101)), line(n));
        long seq = batch.add(rec.key(), rec.line());
        written.add(new Rec(seq, rec.key(), rec.line()));
      }
      batch.commit();
    }
    return written;
  }

  static Replayed replay(Path dir, long fromSeq) throws IOException {
    return replay(dir, fromSeq, SpoolReader.TailAction.REPORT);
  }

  static Replayed replay(Path dir, long fromSeq, SpoolReader.TailAction action) throws IOException {
    List<Rec> records = new ArrayList<>();
    ReplayResult result =
        SpoolReader.replay(
            dir,
            fromSeq,
            (seq, key, buf, off, len) ->
                records.add(new Rec(seq, key.clone(), Arrays.copyOfRange(buf, off, off + len))),
            action);
    return new Replayed(records, result);
  }

  /** Asserts equal sequence numbers and byte-exact keys and lines, in order. */
  static void assertSameRecords(List<Rec> expected, List<Rec> actual) {
    assertEquals(expected.size(), actual.size(), "record count");
    for (int i = 0; i < expected.size(); i++) {
      Rec e = expected.get(i);
      Rec a = actual.get(i);
      assertEquals(e.seq(), a.seq(), "sequence of record " + i);
      assertArrayEquals(e.key(), a.key(), "key of record " + i);
      assertArrayEquals(e.line(), a.line(), "line of record " + i);
    }
  }

  static List<Path> segments(Path dir) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (SegmentInfo s : SegmentFiles.list(dir)) {
      paths.add(s.path);
    }
    return paths;
  }
}
