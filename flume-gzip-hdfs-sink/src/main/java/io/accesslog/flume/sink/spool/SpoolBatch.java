package io.accesslog.flume.sink.spool;

import java.io.IOException;

/**
 * The records of one channel transaction, written to the spool as one block by {@link #commit()}.
 * Obtained from {@link Spool#newBatch()}; used once.
 */
public final class SpoolBatch {
  private final Spool spool;
  private final long firstSeq;

  SpoolBatch(Spool spool, long firstSeq) {
    this.spool = spool;
    this.firstSeq = firstSeq;
  }

  /** Adds a record; see {@link #add(byte[], byte[], int, int)}. */
  public long add(byte[] targetKey, byte[] line) {
    return spool.add(this, targetKey, line, 0, line.length);
  }

  /**
   * Adds a record. Both arrays are copied before this returns.
   *
   * @param targetKey identifies the target file; records with equal content share one entry
   * @return the record's sequence number
   * @throws IllegalStateException if the batch is finished, or too large for one block
   */
  public long add(byte[] targetKey, byte[] line, int offset, int length) {
    if (offset < 0 || length < 0 || offset > line.length - length) {
      throw new IndexOutOfBoundsException(
          "line range ["
              + offset
              + ", "
              + offset
              + "+"
              + length
              + ") outside an array of "
              + line.length);
    }
    return spool.add(this, targetKey, line, offset, length);
  }

  /**
   * Makes the batch durable: one compressed block, one write, one fsync. An empty batch writes
   * nothing. Only after this returns may the Flume transaction commit. The batch is finished
   * afterwards, whether this succeeded or threw.
   *
   * @throws IOException from write or fsync; roll the transaction back and retry with a new batch
   *     (the next commit starts a new segment)
   */
  public void commit() throws IOException {
    spool.commit(this);
  }

  /** Sequence number of the first record (the next one, if the batch is empty). */
  public long firstSequence() {
    return firstSeq;
  }

  /** Records added so far; 0 once the batch is finished. */
  public int size() {
    return spool.currentRecordCount(this);
  }
}
