package io.accesslog.flume.sink.spool;

import java.nio.file.Path;

/** A damaged region of a spool segment found by a scan. Immutable. */
public final class SpoolIssue {

  /** What was found. */
  public enum Kind {
    /**
     * A block with an intact header but a bad payload (CRC mismatch or undecodable), followed by
     * intact blocks. Its records are lost from the spool; the scan continued after it.
     */
    CORRUPT_BLOCK,
    /**
     * The segment ends with bytes that are not a complete, intact block: a batch whose commit never
     * returned (crash or IO error during write/fsync), or damage at the end. Nothing after this
     * offset in the segment is read.
     */
    TORN_TAIL
  }

  private final Kind kind;
  private final Path segment;
  private final long offset;
  private final long length;
  private final long firstSeq;
  private final int recordCount;
  private final String reason;
  private final boolean truncated;

  SpoolIssue(
      Kind kind,
      Path segment,
      long offset,
      long length,
      long firstSeq,
      int recordCount,
      String reason,
      boolean truncated) {
    this.kind = kind;
    this.segment = segment;
    this.offset = offset;
    this.length = length;
    this.firstSeq = firstSeq;
    this.recordCount = recordCount;
    this.reason = reason;
    this.truncated = truncated;
  }

  SpoolIssue withTruncated() {
    return new SpoolIssue(kind, segment, offset, length, firstSeq, recordCount, reason, true);
  }

  public Kind kind() {
    return kind;
  }

  public Path segment() {
    return segment;
  }

  /** Byte offset of the damaged block (or of the torn tail) within the segment file. */
  public long offset() {
    return offset;
  }

  /** Bytes affected: the damaged block, or everything from {@link #offset} to the end. */
  public long length() {
    return length;
  }

  /** First sequence of the damaged block per its header, or -1 if unknown (torn tail). */
  public long firstSeq() {
    return firstSeq;
  }

  /** Records in the damaged block per its header, or 0 if unknown (torn tail). */
  public int recordCount() {
    return recordCount;
  }

  public String reason() {
    return reason;
  }

  /** Whether the torn tail was cut off the file so that writing can continue after it. */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return kind
        + " in "
        + segment
        + " at offset "
        + offset
        + " ("
        + length
        + " bytes"
        + (firstSeq >= 0 ? ", sequences " + firstSeq + ".." + (firstSeq + recordCount - 1) : "")
        + "): "
        + reason
        + (truncated ? " [truncated]" : "");
  }
}
