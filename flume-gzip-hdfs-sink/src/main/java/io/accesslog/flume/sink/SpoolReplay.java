package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import io.accesslog.flume.sink.route.Target;
import io.accesslog.flume.sink.spool.RecordConsumer;
import io.accesslog.flume.sink.spool.ReplayResult;
import io.accesslog.flume.sink.spool.SpoolReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Feeds the spool records that HDFS does not hold yet back into the write engine, in chunks, so a
 * large backlog never exceeds the engine's memory budget: each {@link #step} replays until the
 * engine is overloaded or a chunk is full, and the next continues where it stopped. A record of a
 * target is skipped when the ledger says the target's records up to it are durable in HDFS.
 */
final class SpoolReplay {
  private static final int CHUNK_RECORDS = 200_000;

  private final Path dir;
  private final Map<String, Long> durableEnd = new HashMap<>();
  private final Map<String, Target> targets = new HashMap<>();
  private final Map<byte[], Target> byKeyArray = new IdentityHashMap<>();
  private long next;
  private boolean done;
  private ProgressLog progress;
  private long first = -1;
  long replayed;
  long skipped;
  long corruptBlocks;
  long lostRecords;
  long tornTails;

  SpoolReplay(Path dir, Map<String, LedgerEntry> ledger) {
    this.dir = dir;
    for (LedgerEntry e : ledger.values()) {
      durableEnd.put(e.key(), e.sequenceEnd());
    }
  }

  boolean done() {
    return done;
  }

  /**
   * Logs replay progress at most every 10 s ({@code end}: the spool's next sequence, for the
   * total).
   */
  void logProgress(org.slf4j.Logger log, String sinkName, long end, long now) {
    if (progress == null) {
      progress = new ProgressLog(log, sinkName + ": spool replay", "spool records", now);
      return;
    }
    if (first >= 0) {
      progress.maybeLog(next - first, end - first, now);
    }
  }

  /** Replays one chunk into {@code engine}; returns true once the whole spool was replayed. */
  boolean step(WriteEngine engine, long now) throws IOException {
    if (done) {
      return true;
    }
    Chunk chunk = new Chunk(engine, now);
    ReplayResult result;
    try {
      result = SpoolReader.replay(dir, next, chunk);
    } catch (ChunkFull full) {
      return false;
    }
    corruptBlocks += result.corruptBlocks();
    lostRecords += result.lostRecords();
    tornTails += result.tornTails();
    done = true;
    return true;
  }

  private Target target(byte[] key) {
    Target t = byKeyArray.get(key);
    if (t == null) {
      String text = new String(key, StandardCharsets.UTF_8);
      t = targets.computeIfAbsent(text, Target::fromSpoolKey);
      if (byKeyArray.size() > 10_000) {
        byKeyArray.clear();
      }
      byKeyArray.put(key, t);
    }
    return t;
  }

  /** Stops a replay early; the next step starts after the last record handed over. */
  private static final class ChunkFull extends IOException {
    private static final long serialVersionUID = 1L;

    ChunkFull() {
      super("chunk full", null);
    }
  }

  private final class Chunk implements RecordConsumer {
    private final WriteEngine engine;
    private final long now;
    private int records;

    Chunk(WriteEngine engine, long now) {
      this.engine = engine;
      this.now = now;
    }

    @Override
    public void accept(long sequence, byte[] targetKey, byte[] buffer, int offset, int length)
        throws IOException {
      if (records >= CHUNK_RECORDS || (records > 0 && engine.overloaded())) {
        throw new ChunkFull();
      }
      Target t = target(targetKey);
      Long end = durableEnd.get(LedgerEntry.keyOf(t.directory(), t.fileBase()));
      if (end == null || sequence >= end) {
        engine.append(t, Arrays.copyOfRange(buffer, offset, offset + length), sequence, now);
        replayed++;
      } else {
        skipped++;
      }
      records++;
      if (first < 0) {
        first = sequence;
      }
      next = sequence + 1;
    }
  }
}
