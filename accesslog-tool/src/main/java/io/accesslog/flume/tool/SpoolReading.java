package io.accesslog.flume.tool;

import io.accesslog.flume.sink.spool.RecordConsumer;
import io.accesslog.flume.sink.spool.ReplayResult;
import io.accesslog.flume.sink.spool.SpoolIssue;
import io.accesslog.flume.sink.spool.SpoolReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One read of a spool: segments, records, targets, damage. */
final class SpoolReading {
  /** Per target: records and line bytes. */
  static final class TargetCount {
    long records;
    long bytes;
  }

  final Map<String, Long> segments = new TreeMap<>();
  final Map<String, TargetCount> targets = new TreeMap<>();
  long records;
  long bytes;
  long firstSequence = -1;
  long lastSequence = -1;
  ReplayResult result;

  static SpoolReading of(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new Main.UsageException(dir + " is not a directory");
    }
    SpoolReading r = new SpoolReading();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith("spool-") && name.endsWith(".seg")) {
          r.segments.put(name, Files.size(p));
        }
      }
    }
    Map<byte[], String> keys = new java.util.IdentityHashMap<>();
    r.result =
        SpoolReader.replay(
            dir,
            0,
            new RecordConsumer() {
              @Override
              public void accept(long sequence, byte[] key, byte[] buffer, int offset, int length) {
                String k = keys.computeIfAbsent(key, b -> new String(b, StandardCharsets.UTF_8));
                TargetCount c = r.targets.computeIfAbsent(k, x -> new TargetCount());
                c.records++;
                c.bytes += length;
                r.records++;
                r.bytes += length;
                if (r.firstSequence < 0) {
                  r.firstSequence = sequence;
                }
                r.lastSequence = sequence;
              }
            });
    return r;
  }

  long corrupt() {
    return result.issues().stream().filter(i -> i.kind() == SpoolIssue.Kind.CORRUPT_BLOCK).count();
  }

  long torn() {
    return result.issues().stream().filter(i -> i.kind() == SpoolIssue.Kind.TORN_TAIL).count();
  }

  void printIssues(PrintWriter out) {
    for (SpoolIssue i : result.issues()) {
      out.println(
          "  "
              + i.kind()
              + " "
              + i.segment().getFileName()
              + " offset "
              + i.offset()
              + " length "
              + i.length()
              + (i.kind() == SpoolIssue.Kind.CORRUPT_BLOCK
                  ? " sequences "
                      + i.firstSeq()
                      + ".."
                      + (i.firstSeq() + i.recordCount() - 1)
                      + " ("
                      + i.recordCount()
                      + " records lost)"
                  : "")
              + ": "
              + i.reason());
    }
  }

  String damageLine() {
    long lost =
        result.issues().stream()
            .filter(i -> i.kind() == SpoolIssue.Kind.CORRUPT_BLOCK)
            .mapToLong(SpoolIssue::recordCount)
            .sum();
    return "damage: "
        + torn()
        + " torn tail(s), "
        + corrupt()
        + " corrupt block(s) ("
        + lost
        + " records lost)";
  }
}
