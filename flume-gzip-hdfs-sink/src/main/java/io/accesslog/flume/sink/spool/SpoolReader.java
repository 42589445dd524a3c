package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;

/**
 * Reads a spool directory back for crash recovery. Stateless; each call scans the directory.
 *
 * <p>Damage never stops the replay of other segments and never throws: a corrupt block in the
 * middle of a segment is skipped and reported, a torn tail ends that segment and is reported (and
 * optionally cut off), and the next segment is read as usual. Only real IO errors (and the
 * consumer's own exceptions) propagate, so a damaged spool cannot put the sink into a crash loop.
 * See {@link SegmentScanner} for how damage is classified.
 */
public final class SpoolReader {

  /** What to do with a torn tail. */
  public enum TailAction {
    /** Only report it; the files are opened read-only. */
    REPORT,
    /**
     * Also truncate the segment at the end of its last intact block. Takes the directory lock, so
     * it fails while a {@link Spool} has the directory open.
     */
    TRUNCATE
  }

  private SpoolReader() {}

  /** {@link #replay(Path, long, RecordConsumer, TailAction)} with {@link TailAction#REPORT}. */
  public static ReplayResult replay(Path dir, long fromSeq, RecordConsumer consumer)
      throws IOException {
    return replay(dir, fromSeq, consumer, TailAction.REPORT);
  }

  /**
   * Visits every intact record with sequence {@code >= fromSeq}, in strictly increasing sequence
   * order. A missing directory is an empty spool.
   *
   * @throws IOException if a segment cannot be read (or truncated), or from the consumer
   */
  public static ReplayResult replay(
      Path dir, long fromSeq, RecordConsumer consumer, TailAction tailAction) throws IOException {
    if (!Files.isDirectory(dir)) {
      return new ReplayResult(0, 0, 0, 0, new ArrayList<SpoolIssue>());
    }
    if (tailAction == TailAction.TRUNCATE) {
      DirectoryLock lock = DirectoryLock.acquire(dir);
      try {
        return new Replay(fromSeq, consumer, true).run(SegmentFiles.list(dir));
      } finally {
        lock.close();
      }
    }
    return new Replay(fromSeq, consumer, false).run(SegmentFiles.list(dir));
  }

  /** State of one replay call. */
  private static final class Replay {
    private final RecordConsumer consumer;
    private final boolean truncate;
    private final BlockDecoder decoder =
        new BlockDecoder(LZ4Factory.fastestInstance().safeDecompressor());
    private final GrowableBytes payload = new GrowableBytes(1 << 20);
    private final List<SpoolIssue> issues = new ArrayList<>();

    /** Lowest sequence still to visit; keeps the output strictly increasing. */
    private long nextToVisit;

    private int segmentsRead;
    private long blocks;
    private long records;
    private long nextSequence;

    Replay(long fromSeq, RecordConsumer consumer, boolean truncate) {
      this.nextToVisit = fromSeq;
      this.consumer = consumer;
      this.truncate = truncate;
    }

    ReplayResult run(List<SegmentInfo> segments) throws IOException {
      for (int i = 0; i < segments.size(); i++) {
        SegmentInfo segment = segments.get(i);
        boolean newest = i == segments.size() - 1;
        // The next segment's name bounds this one's sequences: skip it without reading.
        if (!newest && segments.get(i + 1).firstSeq <= nextToVisit) {
          continue;
        }
        read(segment, newest);
      }
      return new ReplayResult(segmentsRead, blocks, records, nextSequence, issues);
    }

    private void read(SegmentInfo segment, boolean newest) throws IOException {
      segmentsRead++;
      try (SegmentScanner scanner = SegmentScanner.open(segment.path, segment.firstSeq, payload)) {
        SegmentScanner.Step step;
        while ((step = scanner.next()) == SegmentScanner.Step.BLOCK) {
          issues.addAll(scanner.drainCorrupt());
          visit(scanner, segment);
        }
        if (step == SegmentScanner.Step.TORN) {
          SpoolIssue torn = scanner.tornTail();
          if (truncate) {
            try (SegmentFile file = SegmentFile.CHANNELS.openExisting(segment.path)) {
              file.truncate(torn.offset());
              file.force();
            }
            torn = torn.withTruncated();
          }
          issues.add(torn);
        }
        if (newest) {
          nextSequence = scanner.seqAfterGood();
        }
      }
    }

    private void visit(SegmentScanner scanner, SegmentInfo segment) throws IOException {
      BlockHeader h = scanner.header();
      if (h.endSeq() <= nextToVisit) {
        return;
      }
      try {
        int n = decoder.decode(h, scanner.payload(), 0, nextToVisit, consumer);
        records += n;
        blocks++;
      } catch (CorruptBlockException e) {
        long length = BlockHeader.SIZE + h.storedLength;
        issues.add(
            new SpoolIssue(
                SpoolIssue.Kind.CORRUPT_BLOCK,
                segment.path,
                scanner.goodEnd() - length,
                length,
                h.firstSeq,
                h.recordCount,
                "payload passed its CRC but does not decode: " + e.getMessage(),
                false));
      }
      nextToVisit = h.endSeq();
    }
  }
}
