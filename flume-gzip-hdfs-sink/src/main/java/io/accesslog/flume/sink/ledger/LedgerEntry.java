package io.accesslog.flume.sink.ledger;

/**
 * What the ledger knows about one target (a directory and file base): which of its records are in
 * HDFS, its file in progress, and a write whose outcome is unknown. Immutable.
 */
public final class LedgerEntry {
  private final String directory;
  private final String fileBase;
  private final long hourStartMillis;
  private final int fileSequence;
  private final boolean open;
  private final long length;
  private final long sequenceEnd;
  private final Intent pending;

  LedgerEntry(
      String directory,
      String fileBase,
      long hourStartMillis,
      int fileSequence,
      boolean open,
      long length,
      long sequenceEnd,
      Intent pending) {
    this.directory = directory;
    this.fileBase = fileBase;
    this.hourStartMillis = hourStartMillis;
    this.fileSequence = fileSequence;
    this.open = open;
    this.length = length;
    this.sequenceEnd = sequenceEnd;
    this.pending = pending;
  }

  public String directory() {
    return directory;
  }

  public String fileBase() {
    return fileBase;
  }

  public long hourStartMillis() {
    return hourStartMillis;
  }

  /** The file in progress (when {@link #open()}), or the last one finished. */
  public int fileSequence() {
    return fileSequence;
  }

  /** A file of this target is in progress in HDFS, {@link #length()} bytes durable. */
  public boolean open() {
    return open;
  }

  public long length() {
    return length;
  }

  /** Every spool record of this target below this sequence is in HDFS. */
  public long sequenceEnd() {
    return sequenceEnd;
  }

  /** A write recorded as started but not as done, or null. */
  public Intent pending() {
    return pending;
  }

  /** Identity of the target: directory and file base. */
  public String key() {
    return key(directory, fileBase);
  }

  public static String keyOf(String directory, String fileBase) {
    return key(directory, fileBase);
  }

  static String key(String directory, String fileBase) {
    return directory + "\n" + fileBase;
  }

  LedgerEntry withIntent(int sequence, Intent intent) {
    return new LedgerEntry(
        directory,
        fileBase,
        hourStartMillis,
        sequence,
        open && sequence == fileSequence,
        length,
        sequenceEnd,
        intent);
  }

  LedgerEntry withWritten(int sequence, long newLength, long newSequenceEnd) {
    return new LedgerEntry(
        directory,
        fileBase,
        hourStartMillis,
        sequence,
        true,
        newLength,
        Math.max(sequenceEnd, newSequenceEnd),
        null);
  }

  LedgerEntry withFinished(int sequence) {
    return new LedgerEntry(
        directory, fileBase, hourStartMillis, sequence, false, 0, sequenceEnd, null);
  }

  /** Nothing in flight any more: the file is as long as it was before the pending write. */
  LedgerEntry withoutPending() {
    return new LedgerEntry(
        directory, fileBase, hourStartMillis, fileSequence, open, length, sequenceEnd, null);
  }

  /**
   * A write started: {@code bytes} bytes at {@code lengthBefore}, covering records below {@code
   * sequenceEnd}.
   */
  public static final class Intent {
    private final long lengthBefore;
    private final long bytes;
    private final long sequenceEnd;

    Intent(long lengthBefore, long bytes, long sequenceEnd) {
      this.lengthBefore = lengthBefore;
      this.bytes = bytes;
      this.sequenceEnd = sequenceEnd;
    }

    public long lengthBefore() {
      return lengthBefore;
    }

    public long bytes() {
      return bytes;
    }

    public long sequenceEnd() {
      return sequenceEnd;
    }

    @Override
    public String toString() {
      return lengthBefore + "+" + bytes + " -> seq " + sequenceEnd;
    }
  }

  @Override
  public String toString() {
    return directory
        + "/"
        + fileBase
        + " seq "
        + fileSequence
        + (open ? " open " + length + " B" : " closed")
        + ", durable below "
        + sequenceEnd
        + (pending == null ? "" : ", pending write " + pending);
  }
}
