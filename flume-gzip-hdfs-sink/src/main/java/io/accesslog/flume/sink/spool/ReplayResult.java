package io.accesslog.flume.sink.spool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a {@link SpoolReader#replay replay} did and found. Immutable. */
public final class ReplayResult {
  private final int segmentsRead;
  private final long blocksReplayed;
  private final long recordsReplayed;
  private final long nextSequence;
  private final List<SpoolIssue> issues;

  ReplayResult(
      int segmentsRead,
      long blocksReplayed,
      long recordsReplayed,
      long nextSequence,
      List<SpoolIssue> issues) {
    this.segmentsRead = segmentsRead;
    this.blocksReplayed = blocksReplayed;
    this.recordsReplayed = recordsReplayed;
    this.nextSequence = nextSequence;
    this.issues = Collections.unmodifiableList(new ArrayList<>(issues));
  }

  /** Segment files opened (segments entirely below {@code fromSeq} are skipped unread). */
  public int segmentsRead() {
    return segmentsRead;
  }

  /** Intact blocks that had at least one record at or after {@code fromSeq}. */
  public long blocksReplayed() {
    return blocksReplayed;
  }

  /** Records handed to the consumer. */
  public long recordsReplayed() {
    return recordsReplayed;
  }

  /**
   * The sequence after the last intact record of the newest segment: where a writer opened on this
   * directory continues (0 for an empty spool).
   */
  public long nextSequence() {
    return nextSequence;
  }

  /** Every damaged region found, in file order. */
  public List<SpoolIssue> issues() {
    return issues;
  }

  public long corruptBlocks() {
    return count(SpoolIssue.Kind.CORRUPT_BLOCK);
  }

  /** Records known to be lost in corrupt blocks (from their intact headers). */
  public long lostRecords() {
    long n = 0;
    for (SpoolIssue issue : issues) {
      n += issue.recordCount();
    }
    return n;
  }

  public long tornTails() {
    return count(SpoolIssue.Kind.TORN_TAIL);
  }

  /** Bytes cut off torn tails (only with {@link SpoolReader.TailAction#TRUNCATE}). */
  public long bytesTruncated() {
    long n = 0;
    for (SpoolIssue issue : issues) {
      if (issue.truncated()) {
        n += issue.length();
      }
    }
    return n;
  }

  /** No damage at all. */
  public boolean isClean() {
    return issues.isEmpty();
  }

  private long count(SpoolIssue.Kind kind) {
    long n = 0;
    for (SpoolIssue issue : issues) {
      if (issue.kind() == kind) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "ReplayResult{segmentsRead="
        + segmentsRead
        + ", blocksReplayed="
        + blocksReplayed
        + ", recordsReplayed="
        + recordsReplayed
        + ", nextSequence="
        + nextSequence
        + ", corruptBlocks="
        + corruptBlocks()
        + ", lostRecords="
        + lostRecords()
        + ", tornTails="
        + tornTails()
        + ", issues="
        + issues
        + "}";
  }
}
