package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import io.accesslog.flume.sink.spool.Spool;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the spool once HDFS holds its lines: deletes the segments below the engine's oldest line
 * not yet durable in HDFS (at most once a second), reports the spool's size, and compacts the
 * ledger when it has grown. Never during the start-up recovery: the replay still needs every
 * segment. Runner thread (and the lifecycle thread at stop).
 */
final class SpoolRetirement {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);
  private static final long INTERVAL_MILLIS = 1000;
  private static final long LEDGER_COMPACT_BYTES = 8L << 20;

  private final String sinkName;
  private final Spool spool;
  private final FileLedger ledger;
  private final WriteEngine engine;
  private final Path dir;
  private final GzipSinkCounter counter;
  private long nextRetireMillis;

  SpoolRetirement(
      String sinkName,
      Spool spool,
      FileLedger ledger,
      WriteEngine engine,
      Path dir,
      GzipSinkCounter counter) {
    this.sinkName = sinkName;
    this.spool = spool;
    this.ledger = ledger;
    this.engine = engine;
    this.dir = dir;
    this.counter = counter;
  }

  /** Retires what HDFS holds, unless it was done less than a second before {@code now}. */
  void maybeRetire(long now) {
    if (now < nextRetireMillis) {
      return;
    }
    nextRetireMillis = now + INTERVAL_MILLIS;
    try {
      spool.retireBefore(engine.oldestUndurableSequence());
    } catch (IOException e) {
      LOG.warn(
          "{}: could not delete retired spool segments in {}: {}", sinkName, dir, e.toString());
    }
    counter.setSpoolBytes(spool.sizeBytes());
    if (ledger.sizeBytes() > LEDGER_COMPACT_BYTES) {
      compactLedger();
    }
  }

  /**
   * Drops ledger entries that no replay can need: nothing in progress, nothing of theirs left in
   * the spool.
   */
  void compactLedger() {
    final long first = spool.firstSequence();
    try {
      ledger.compact((LedgerEntry e) -> e.open() || e.pending() != null || e.sequenceEnd() > first);
    } catch (IOException e) {
      LOG.warn("{}: could not compact the ledger in {}: {}", sinkName, dir, e.toString());
    }
  }
}
