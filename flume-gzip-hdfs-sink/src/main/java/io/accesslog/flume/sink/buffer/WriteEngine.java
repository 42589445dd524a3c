package io.accesslog.flume.sink.buffer;

import io.accesslog.flume.sink.buffer.TargetFile.Phase;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The two-level write path of the gzip HDFS sink.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Threads.</b> One runner thread (the sink's {@code process()}) owns every piece of state
 * here: it appends lines, decides, and applies results. Worker threads only run tasks on data
 * handed to them (compressors: compress a line buffer; writers: write members to one HDFS file) and
 * post a completion that the runner applies on its next {@link #tick}. So no lock is ever held
 * across IO and there are no data races on buffers. Writers are a separate pool because an HDFS
 * close waits for the NameNode to see the last block (often 0.4 s or more) while using no CPU.
 *
 * <p><b>Level 1.</b> Per target, lines accumulate until {@code member.lines} or {@code
 * member.maxAge}, then the buffer is handed to a worker and compressed into one gzip member
 * (members of one target may compress in parallel; they rejoin level 2 in the order they were cut).
 *
 * <p><b>Level 2.</b> Per target, members accumulate until {@code append.bytes} or the target's
 * jittered {@code append.maxAge}; then one write task creates the file (hidden in-progress name) or
 * appends to it, syncs and closes. At most one write per target is in flight, so appends to a file
 * are ordered and never race; no HDFS stream stays open between writes. Level 2 is {@link
 * FileWrites}; this class cuts and compresses members, runs the timers and keeps the memory cap.
 *
 * <p><b>Rolling.</b> A write takes members only up to {@code roll.bytes} of compressed file size
 * and then finishes the file (rename to the final name); the next member starts the next sequence.
 * An hour's targets are finished at {@code roll.closeMinute} past the next hour by the periodic
 * scan, with no new traffic needed (Flume calls {@code process()} at least every few seconds).
 * Lines that arrive for a finished hour are "late": they get a new sequence file in that hour's
 * directory, written and finished on the normal level-1/level-2 timers. A target's phase and the
 * moves between phases are {@link TargetFile.Phase}.
 *
 * <p><b>Memory.</b> Level 1 + level 2 + in-flight bytes are capped by {@code buffer.maxBytes}:
 * above it, the largest level-1 buffers are compressed early, then the largest level-2 buffers are
 * written early, down to 80 % of the cap. Above 150 % {@link #overloaded()} tells the sink to stop
 * taking.
 *
 * <p><b>Durability.</b> Every line carries the spool sequence under which the sink made it durable
 * locally before committing its channel transaction; {@link #oldestUndurableSequence()} is the
 * lowest sequence not yet in HDFS, below which spool segments can be retired. Each write is
 * recorded in the {@link WriteJournal} before and after ({@link FileWriter}); a write that failed
 * after its intent was recorded stays {@link UnresolvedWrite unresolved} until the next write of
 * the file has compared the file's real length with it. Failed writes wait their file's {@link
 * RetrySchedule}, by the {@link WriteFailure} class the store's {@link FailureClassifier} gives, so
 * an outage never turns into a busy loop.
 */
public final class WriteEngine {
  private static final long SCAN_INTERVAL_MILLIS = 1000;

  private final BufferPolicy policy;
  private final MemberCompressor compressor;
  private final RetryBackoff backoff;
  private final Executor compressors;
  private final TargetTable targets = new TargetTable();
  private final Completions completions = new Completions();
  private final EngineStats stats = new EngineStats();
  private final BufferBytes bytes = new BufferBytes();
  private final FileWrites writes;

  private long nextScanMillis;

  /**
   * @param compressors runs compression tasks (CPU-bound: about one thread per spare core)
   * @param writers runs HDFS write tasks (IO-bound: each waits hundreds of milliseconds for the
   *     NameNode to accept the file's last block on close, so several run at once)
   */
  public WriteEngine(
      BufferSettings settings,
      MemberCompressor compressor,
      FileStore store,
      FileNames names,
      Executor compressors,
      Executor writers) {
    this(
        settings,
        compressor,
        store,
        names,
        WriteJournal.NONE,
        new RetryBackoff(1000, 60_000),
        FailureClassifier.ALL_RETRIABLE,
        compressors,
        writers);
  }

  /**
   * @param journal where every HDFS write is recorded before and after (see {@link FileWriter})
   * @param backoff delay between write attempts of one file after failures
   * @param classifier which of {@code store}'s failures need an operator (they wait the longest)
   */
  public WriteEngine(
      BufferSettings settings,
      MemberCompressor compressor,
      FileStore store,
      FileNames names,
      WriteJournal journal,
      RetryBackoff backoff,
      FailureClassifier classifier,
      Executor compressors,
      Executor writers) {
    this.policy = new BufferPolicy(settings);
    this.compressor = compressor;
    this.backoff = backoff;
    this.compressors = compressors;
    this.writes =
        new FileWrites(
            policy,
            new FileWriter(store, names, journal),
            classifier,
            writers,
            targets,
            completions,
            stats,
            bytes);
  }

  public EngineStats stats() {
    return stats;
  }

  /** Told (on the runner thread) about every file that got its final name. */
  public interface FinishListener {
    void finished(FileTarget target, int sequence);
  }

  public void onFinished(FinishListener listener) {
    writes.onFinished(listener);
  }

  /**
   * Hour starts before {@code limit} of targets the engine holds (at most {@code max} of them,
   * lowest first).
   */
  public List<Long> openHoursBefore(long limit, int max) {
    return targets.openHoursBefore(limit, max);
  }

  /**
   * The earliest hour start at or after {@code from} of a target the engine still holds (buffered,
   * in flight, or a file not yet finished); {@code Long.MAX_VALUE} when none.
   */
  public long oldestOpenHour(long from) {
    return targets.oldestOpenHour(from);
  }

  /** Adds one line (already durable in the spool under {@code sequence}) for {@code target}. */
  public void append(FileTarget target, byte[] line, long sequence, long now) {
    TargetFile f = targets.get(target);
    if (f == null) {
      boolean late = policy.hourClosed(target.hourStartMillis(), now);
      f =
          new TargetFile(
              target,
              policy.appendMaxAge(target),
              writes.stopping() ? Phase.FINISHING : late ? Phase.LATE : Phase.OPEN,
              backoff);
      targets.put(f);
    }
    if (f.phase() == Phase.LATE || (f.phase() == Phase.FINISHING && !writes.stopping())) {
      stats.lateLines++;
    }
    long before = f.l1.capacity();
    f.l1.append(line, sequence, now);
    bytes.level1 += f.l1.capacity() - before;
    stats.linesBuffered++;
    if (policy.memberFull(f.l1)) {
      cutMember(f, now);
    }
  }

  /**
   * Continues a file an earlier run left in progress, {@code length} bytes long (found durable by
   * the start-up recovery): the next lines of {@code target} are appended to it, and it is finished
   * as usual (at once, if its hour's close minute has passed). Call before any {@link #append} of
   * that target.
   */
  public void resume(FileTarget target, int sequence, long length, long now) {
    boolean finishing = writes.stopping() || policy.hourClosed(target.hourStartMillis(), now);
    TargetFile f =
        new TargetFile(
            target, policy.appendMaxAge(target), finishing ? Phase.FINISHING : Phase.OPEN, backoff);
    f.fileSequence = sequence;
    f.fileExists = true;
    f.fileBytes = length;
    targets.put(f);
  }

  /**
   * Applies finished work, runs the timers (at most once a second) and keeps memory under the
   * budget. Call after every batch and when idle.
   */
  public void tick(long now) {
    completions.applyAll(now);
    if (now >= nextScanMillis || writes.stopping()) {
      scan(now);
      nextScanMillis = now + SCAN_INTERVAL_MILLIS;
    }
    relievePressure(now);
    bytes.publish(stats, targets.size());
  }

  /**
   * Buffers are far over {@code buffer.maxBytes} (e.g. HDFS is slow): stop taking until they drain.
   */
  public boolean overloaded() {
    return bytes.total() > policy.maxBufferBytes() + policy.maxBufferBytes() / 2;
  }

  /**
   * Stop: compress and write everything, finish every file. Then call {@link #tick} until {@link
   * #isIdle}.
   */
  public void finishAll(long now) {
    writes.stop();
    for (TargetFile f : targets.all()) {
      f.moveTo(Phase.FINISHING);
    }
    scan(now);
  }

  /** Nothing buffered and nothing in flight (after {@link #finishAll}: every file finished). */
  public boolean isIdle() {
    return targets.isEmpty() && completions.isEmpty();
  }

  /** Targets with buffered or in-flight data or an unfinished file. */
  public int openTargets() {
    return targets.size();
  }

  /** Lowest spool sequence not yet durable in HDFS; {@code Long.MAX_VALUE} when everything is. */
  public long oldestUndurableSequence() {
    return targets.oldestUndurableSequence();
  }

  /** Throws the first unexpected worker error (a bug, not an IO failure: those are retried). */
  public void rethrowWorkerFailure() {
    completions.rethrowFailure();
  }

  private void cutMember(TargetFile f, long now) {
    final int size = f.l1.size();
    final int lines = f.l1.lines();
    final long firstSequence = f.l1.firstSequence();
    final long endSequence = f.l1.endSequence();
    bytes.level1 -= f.l1.capacity();
    final byte[] buffer = f.l1.takeBytes();
    bytes.compressing += size;
    final long id = f.nextMemberId++;
    f.compressingFirstSequences.add(firstSequence);
    final long cutMillis = now;
    compressors.execute(
        () -> {
          try {
            byte[] gzip = compressor.compress(buffer, size);
            completions.add(
                at ->
                    memberDone(
                        f,
                        new Member(id, gzip, lines, size, firstSequence, endSequence, cutMillis),
                        at));
          } catch (RuntimeException | Error e) {
            completions.add(
                at -> {
                  throw new IllegalStateException(
                      "compressing a member of "
                          + f.target.directory()
                          + "/"
                          + f.target.fileBase()
                          + " failed",
                      e);
                });
          }
        });
  }

  private void memberDone(TargetFile f, Member m, long now) {
    bytes.compressing -= m.rawBytes;
    bytes.level2 += m.gzip.length;
    stats.memberCompressed(m);
    f.memberBack(m);
    // Size-triggered and finishing writes need not wait for the next timer scan.
    writes.maybeWrite(f, now);
  }

  private void scan(long now) {
    long oldestMillis = Long.MAX_VALUE;
    Iterator<TargetFile> it = targets.all().iterator();
    while (it.hasNext()) {
      TargetFile f = it.next();
      if (f.phase() == Phase.OPEN && policy.hourClosed(f.target.hourStartMillis(), now)) {
        f.moveTo(Phase.FINISHING);
      }
      if (f.l1.lines() > 0 && (f.phase() == Phase.FINISHING || policy.memberAged(f.l1, now))) {
        cutMember(f, now);
      }
      writes.maybeWrite(f, now);
      if (f.idle() && !f.fileExists && f.closing()) {
        it.remove();
        continue;
      }
      if (f.l1.lines() > 0) {
        oldestMillis = Math.min(oldestMillis, f.l1.firstMillis());
      }
      if (!f.l2.isEmpty()) {
        oldestMillis = Math.min(oldestMillis, f.l2.peekFirst().createdMillis);
      }
    }
    stats.oldestUnflushedAgeMillis =
        oldestMillis == Long.MAX_VALUE ? 0 : Math.max(0, now - oldestMillis);
  }

  private void relievePressure(long now) {
    long max = policy.maxBufferBytes();
    if (bytes.total() <= max) {
      return;
    }
    stats.pressureEvents++;
    long goal = max - max / 5;
    long projected = bytes.total();
    // Compressing shrinks a level-1 buffer several times over: cheapest relief first.
    for (TargetFile f : targets.largest(f -> f.l1.lines() > 0 ? f.l1.capacity() : 0)) {
      if (projected <= goal) {
        return;
      }
      projected -= f.l1.capacity() * 3 / 4;
      cutMember(f, now);
    }
    for (TargetFile f : targets.largest(f -> f.writing || !f.retry.due(now) ? 0 : f.l2Bytes)) {
      if (projected <= goal) {
        return;
      }
      projected -= f.l2Bytes;
      writes.submitWrite(f, now, f.closing());
    }
  }
}
