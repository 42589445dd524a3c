package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import io.accesslog.flume.sink.config.SinkKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The writer's segment files: appends framed blocks durably, rolls segments, recovers after a
 * failed append, and retires old segments. Single-threaded; {@link #sizeBytes()} and {@link
 * #segmentCount()} may be read from any thread.
 */
final class SegmentLog {
  private final Path dir;
  private final long segmentBytes;
  private final SegmentFile.Opener opener;

  /** Oldest first; the last one is the newest and is never deleted (it anchors the sequence). */
  private final List<SegmentInfo> segments;

  /** Open file of the newest segment, or null when the next append starts a new segment. */
  private SegmentFile active;

  /**
   * Set while an append is in flight and left set if it fails: the active file may then end in a
   * partial block, so the next append must not write after it.
   */
  private boolean activeSuspect;

  private volatile long totalBytes;
  private volatile int segmentCount;

  private SegmentLog(
      Path dir, long segmentBytes, SegmentFile.Opener opener, List<SegmentInfo> segments) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.opener = opener;
    this.segments = segments;
    long total = 0;
    for (SegmentInfo s : segments) {
      total += s.size;
    }
    this.totalBytes = total;
    this.segmentCount = segments.size();
  }

  /** Result of {@link #recover}: the log, where the sequence continues, and what was cut. */
  static final class Recovered {
    final SegmentLog log;
    final long nextSeq;
    final SpoolIssue truncatedTail;

    Recovered(SegmentLog log, long nextSeq, SpoolIssue truncatedTail) {
      this.log = log;
      this.nextSeq = nextSeq;
      this.truncatedTail = truncatedTail;
    }
  }

  /**
   * Lists the segments and scans the newest one: a torn tail there is a batch whose commit never
   * returned, so it is cut off and appending continues after the last intact block. Older segments
   * are left as they are; {@link SpoolReader} reports their damage.
   */
  static Recovered recover(Path dir, long segmentBytes, SegmentFile.Opener opener)
      throws IOException {
    List<SegmentInfo> segments = SegmentFiles.list(dir);
    SegmentLog log = new SegmentLog(dir, segmentBytes, opener, segments);
    if (segments.isEmpty()) {
      return new Recovered(log, 0, null);
    }
    SegmentInfo newest = segments.get(segments.size() - 1);
    long nextSeq;
    long goodEnd;
    SpoolIssue torn = null;
    try (SegmentScanner scanner =
        SegmentScanner.open(newest.path, newest.firstSeq, new GrowableBytes(1 << 20))) {
      SegmentScanner.Step step;
      do {
        step = scanner.next();
      } while (step == SegmentScanner.Step.BLOCK);
      if (scanner.stoppedAtUnsupportedVersion()) {
        throw new IOException(
            "cannot continue spool segment " + newest.path + ": " + scanner.tornTail().reason());
      }
      if (step == SegmentScanner.Step.TORN) {
        torn = scanner.tornTail();
      }
      nextSeq = scanner.seqAfterGood();
      goodEnd = scanner.goodEnd();
    }
    if (torn != null) {
      try (SegmentFile file = opener.openExisting(newest.path)) {
        file.truncate(goodEnd);
        file.force();
      } catch (IOException e) {
        throw new IOException(
            "cannot truncate the torn tail of spool segment "
                + newest.path
                + " at offset "
                + goodEnd
                + " ("
                + torn.reason()
                + "); check the disk and the "
                + "permissions of "
                + SinkKeys.SPOOL_DIR.name(),
            e);
      }
      log.totalBytes -= newest.size - goodEnd;
      newest.size = goodEnd;
      torn = torn.withTruncated();
    }
    if (newest.size < segmentBytes) {
      log.active = opener.openExisting(newest.path);
    }
    return new Recovered(log, nextSeq, torn);
  }

  /**
   * Appends one framed block and fsyncs it. On return the block is durable.
   *
   * @param firstSeq first sequence in the block; names the segment if one is started
   * @throws IOException the block may be partly on disk; the next append starts a new segment
   */
  void append(byte[] block, int length, long firstSeq) throws IOException {
    if (activeSuspect) {
      abandonActive();
    }
    activeSuspect = true;
    SegmentInfo newest = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (active != null && newest.size > 0 && newest.size + length > segmentBytes) {
      // Everything in it is already fsynced: closing loses nothing.
      SegmentFile full = active;
      active = null;
      full.close();
    }
    if (active == null) {
      newest = startSegment(firstSeq);
    }
    long offset = newest.size;
    try {
      active.write(ByteBuffer.wrap(block, 0, length), offset);
      active.force();
    } catch (IOException e) {
      throw new IOException(
          String.format(
              "spool append failed: segment %s, offset %d, block of %d bytes (first sequence %d); "
                  + "the next commit starts a new segment. Check free space and health of the disk "
                  + "under %s=%s",
              newest.path, offset, length, firstSeq, SinkKeys.SPOOL_DIR.name(), dir),
          e);
    }
    newest.size = offset + length;
    totalBytes += length;
    activeSuspect = false;
  }

  private SegmentInfo startSegment(long firstSeq) throws IOException {
    Path path = dir.resolve(SegmentFiles.name(firstSeq));
    SegmentFile file;
    try {
      file = opener.create(path);
    } catch (IOException e) {
      throw new IOException(
          "cannot create spool segment "
              + path
              + "; check free space and "
              + "permissions of "
              + SinkKeys.SPOOL_DIR.name()
              + "="
              + dir,
          e);
    }
    SegmentInfo segment = new SegmentInfo(firstSeq, path, 0);
    segments.add(segment);
    segmentCount = segments.size();
    active = file;
    // The new name must be durable before data in it counts as committed; if this throws,
    // activeSuspect stays set and the next append starts yet another segment.
    SegmentFiles.syncDirectory(dir);
    return segment;
  }

  /**
   * Gives up on the active segment after a failed append: cut it back to the last intact block
   * (best effort, on a fresh file handle because the old one may be closed, e.g. by an interrupt),
   * and let the next append start a new segment. A file that saw a failed write or fsync is never
   * appended to again. If the truncation fails too, the partial block stays and {@link SpoolReader}
   * reports it as a torn tail of a middle segment; if the whole block did reach the disk it is
   * replayed, which is a duplicate, never a loss.
   */
  private void abandonActive() {
    activeSuspect = false;
    if (segments.isEmpty()) {
      return;
    }
    SegmentInfo newest = segments.get(segments.size() - 1);
    if (active != null) {
      try {
        active.close();
      } catch (IOException ignored) {
        // The handle is being discarded; the truncation below decides what stays on disk.
      }
      active = null;
    }
    try (SegmentFile file = opener.openExisting(newest.path)) {
      file.truncate(newest.size);
      file.force();
    } catch (IOException e) {
      try {
        long actual = Files.size(newest.path);
        totalBytes += actual - newest.size;
        newest.size = actual;
      } catch (IOException sizeUnknown) {
        // Keep the last known size; only the sizeBytes() estimate is affected.
      }
    }
  }

  /**
   * Deletes the oldest segments whose records all have sequence {@code < seq}. A segment's records
   * are bounded by the next segment's first sequence, so the newest segment is never deleted.
   *
   * @return the number of segments deleted
   */
  int retireBefore(long seq) throws IOException {
    int removed = 0;
    IOException failure = null;
    while (segments.size() > 1 && segments.get(1).firstSeq <= seq) {
      SegmentInfo oldest = segments.get(0);
      try {
        Files.deleteIfExists(oldest.path);
      } catch (IOException e) {
        failure =
            new IOException(
                "cannot delete retired spool segment "
                    + oldest.path
                    + "; check permissions of "
                    + SinkKeys.SPOOL_DIR.name()
                    + "="
                    + dir,
                e);
        break;
      }
      segments.remove(0);
      totalBytes -= oldest.size;
      segmentCount = segments.size();
      removed++;
    }
    if (removed > 0) {
      try {
        SegmentFiles.syncDirectory(dir);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return removed;
  }

  long firstSequence(long nextSeq) {
    return segments.isEmpty() ? nextSeq : segments.get(0).firstSeq;
  }

  long sizeBytes() {
    return totalBytes;
  }

  int segmentCount() {
    return segmentCount;
  }

  void close() throws IOException {
    SegmentFile file = active;
    active = null;
    if (file != null) {
      file.close();
    }
  }
}
