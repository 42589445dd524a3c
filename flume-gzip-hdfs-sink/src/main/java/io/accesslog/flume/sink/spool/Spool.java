package io.accesslog.flume.sink.spool;

import io.accesslog.flume.sink.config.SinkKeys;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.jpountz.lz4.LZ4Factory;

/**
 * Local write-ahead log of the gzip HDFS sink: a batch taken from the channel is made durable here
 * before the channel transaction commits, and stays until HDFS holds its lines.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Format.</b> A directory ({@code spool.dir}) of segment files named {@code spool-<first
 * sequence, 20 digits>.seg}, so names sort in sequence order and name the first record they hold. A
 * segment is a plain sequence of blocks, no file header; one commit writes exactly one block: a
 * 36-byte header ({@link BlockHeader}: magic, version, codec, first sequence, record count, both
 * payload lengths, CRC32 of the stored payload, CRC32 of the header) followed by the LZ4-compressed
 * payload ({@link BlockEncoder}: the records as {@code varint keyIndex, varint lineLength, line},
 * then a per-block dictionary holding each distinct target key once). The block is the unit of
 * checksum and of atomicity. Every record gets a global sequence number: records of a block are
 * numbered consecutively from the header's first sequence, and blocks of a segment follow each
 * other without gaps.
 *
 * <p><b>Durability and group commit.</b> {@link SpoolBatch#commit()} compresses the batch, writes
 * its block with one positional write and calls {@code FileChannel.force(false)} (fdatasync, which
 * includes the file length). One fsync per batch: at 5,000 lines per batch, 1.5 M lines/s is 300
 * fsyncs/s. Only after commit returns may the caller commit the Flume transaction. A new segment
 * starts when the block would push the active one past {@code spool.segmentBytes} (a single larger
 * block gets a segment to itself); creating or deleting a segment also fsyncs the directory,
 * because a file that is durable but whose name is not would vanish in a crash.
 *
 * <p><b>Failures.</b> An IOException from write or fsync propagates out of commit (the sink rolls
 * the transaction back and retries). The failed batch's sequence numbers are not reused, and the
 * segment it was written to is never appended to again: the next commit cuts it back to its last
 * intact block (best effort) and starts a new segment. This avoids appending after a half-written
 * block and sidesteps the "fsync failed, is the page cache still dirty?" question entirely.
 *
 * <p><b>Retirement.</b> {@link #retireBefore(long)} deletes the oldest segments whose records all
 * have smaller sequence numbers; the bound for a segment is the next segment's name, so no file is
 * read. The newest segment is never deleted, even when it is complete: its name is what lets the
 * sequence continue after a restart instead of starting again at 0.
 *
 * <p><b>Recovery.</b> {@link #open} scans only the newest segment. A torn tail there is a batch
 * whose commit never returned (crash or IO error mid-write), so it is truncated and the sequence
 * continues after the last intact block ({@link #tailTruncatedAtOpen()} reports what was cut).
 * Replaying the records that HDFS does not yet hold is {@link SpoolReader}'s job; call it before
 * opening the spool to see every torn tail as it was found. Damage in older segments is left for
 * the reader to report: a corrupt block in the middle of a segment is skipped using its intact
 * header, a torn tail ends that segment, and neither stops the replay.
 *
 * <p><b>Threading.</b> Not thread-safe: one sink runner thread opens batches, commits, retires and
 * closes. {@link #sizeBytes()}, {@link #segmentCount()} and {@link #isFull()} may be read by other
 * threads (metrics). A {@code spool.lock} file locks the directory against a second writer, in this
 * or another process.
 */
public final class Spool implements Closeable {
  private final SpoolSettings settings;
  private final DirectoryLock lock;
  private final SegmentLog log;
  private final SpoolIssue truncatedAtOpen;
  private final BlockEncoder encoder =
      new BlockEncoder(LZ4Factory.fastestInstance().fastCompressor());
  private long nextSeq;
  private SpoolBatch currentBatch;
  private boolean closed;

  private Spool(SpoolSettings settings, DirectoryLock lock, SegmentLog.Recovered recovered) {
    this.settings = settings;
    this.lock = lock;
    this.log = recovered.log;
    this.nextSeq = recovered.nextSeq;
    this.truncatedAtOpen = recovered.truncatedTail;
  }

  /**
   * Creates the directory if needed, locks it, and recovers the writing position (see the design
   * notes). Does not replay.
   */
  public static Spool open(SpoolSettings settings) throws IOException {
    return open(settings, SegmentFile.CHANNELS);
  }

  static Spool open(SpoolSettings settings, SegmentFile.Opener opener) throws IOException {
    Path dir = settings.dir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IOException(
          "cannot create "
              + SinkKeys.SPOOL_DIR.name()
              + "="
              + dir
              + "; it must be a writable local directory",
          e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    try {
      return new Spool(settings, lock, SegmentLog.recover(dir, settings.segmentBytes(), opener));
    } catch (IOException | RuntimeException e) {
      try {
        lock.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Starts a batch. An earlier batch that was not committed is discarded; the sequence numbers it
   * handed out are not reused.
   */
  public SpoolBatch newBatch() {
    ensureOpen();
    currentBatch = null;
    encoder.reset();
    SpoolBatch batch = new SpoolBatch(this, nextSeq);
    currentBatch = batch;
    return batch;
  }

  long add(SpoolBatch batch, byte[] targetKey, byte[] line, int offset, int length) {
    checkCurrent(batch);
    encoder.add(targetKey, line, offset, length);
    return nextSeq++;
  }

  void commit(SpoolBatch batch) throws IOException {
    checkCurrent(batch);
    currentBatch = null;
    if (encoder.recordCount() == 0) {
      return;
    }
    int length = encoder.finish(batch.firstSequence());
    log.append(encoder.blockBytes(), length, batch.firstSequence());
  }

  int currentRecordCount(SpoolBatch batch) {
    return batch == currentBatch ? encoder.recordCount() : 0;
  }

  private void checkCurrent(SpoolBatch batch) {
    if (batch != currentBatch) {
      throw new IllegalStateException(
          closed
              ? "spool " + settings.dir() + " is closed"
              : "this spool batch was already committed, failed, or replaced by newBatch()");
    }
  }

  /**
   * Deletes every segment whose records all have sequence {@code < seq}, never the newest segment,
   * and fsyncs the directory.
   *
   * @return the number of segments deleted
   */
  public int retireBefore(long seq) throws IOException {
    ensureOpen();
    return log.retireBefore(seq);
  }

  /** Bytes in all segment files. */
  public long sizeBytes() {
    return log.sizeBytes();
  }

  public int segmentCount() {
    return log.segmentCount();
  }

  /**
   * Whether the spool reached {@code spool.maxBytes}. Commits still work; the sink should stop
   * taking events until retirement frees space.
   */
  public boolean isFull() {
    return log.sizeBytes() >= settings.maxBytes();
  }

  /** The lowest sequence a replay can still see: the first record of the oldest segment kept. */
  public long firstSequence() {
    return log.firstSequence(nextSeq);
  }

  /** The sequence number the next {@link SpoolBatch#add} will return. */
  public long nextSequence() {
    return nextSeq;
  }

  /** The torn tail cut off the newest segment when this spool was opened, if any. */
  public Optional<SpoolIssue> tailTruncatedAtOpen() {
    return Optional.ofNullable(truncatedAtOpen);
  }

  public SpoolSettings settings() {
    return settings;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("spool " + settings.dir() + " is closed");
    }
  }

  /**
   * Closes the active segment and releases the directory lock. An uncommitted batch is discarded.
   * Idempotent; every resource is released even if one fails (the first failure is thrown).
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    currentBatch = null;
    IOException failure = null;
    try {
      log.close();
    } catch (IOException e) {
      failure = e;
    }
    try {
      lock.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "Spool{"
        + settings.dir()
        + ", segments="
        + segmentCount()
        + ", bytes="
        + sizeBytes()
        + ", nextSequence="
        + nextSeq
        + "}";
  }
}
