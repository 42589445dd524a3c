package io.accesslog.flume.sink.buffer;

import io.accesslog.flume.sink.buffer.TargetFile.Phase;
import io.accesslog.flume.sink.buffer.WriteEngine.FinishListener;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Level 2 of the {@link WriteEngine}: decides when a target's compressed members are written, runs
 * each write (create or append, sync, close, and the rename that finishes a file) on a writer
 * thread, and applies its {@link WriteOutcome} on the runner thread: durable members leave the
 * buffer, the rest wait the file's {@link RetrySchedule}, a finished file is reported and the
 * target moves to its next sequence. At most one write per target is in flight.
 *
 * <p>Runner-thread state only, like the engine (workers post completions).
 */
final class FileWrites {
  private final BufferPolicy policy;
  private final FileWriter writer;
  private final FailureClassifier classifier;
  private final Executor writers;
  private final TargetTable targets;
  private final Completions completions;
  private final EngineStats stats;
  private final BufferBytes bytes;

  private boolean stopping;
  private FinishListener finishListener = (target, sequence) -> {};

  FileWrites(
      BufferPolicy policy,
      FileWriter writer,
      FailureClassifier classifier,
      Executor writers,
      TargetTable targets,
      Completions completions,
      EngineStats stats,
      BufferBytes bytes) {
    this.policy = policy;
    this.writer = writer;
    this.classifier = classifier;
    this.writers = writers;
    this.targets = targets;
    this.completions = completions;
    this.stats = stats;
    this.bytes = bytes;
  }

  void onFinished(FinishListener listener) {
    this.finishListener = listener;
  }

  /** The engine is stopping: every file is being finished, so no line is late any more. */
  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  void maybeWrite(TargetFile f, long now) {
    if (f.writing || !f.retry.due(now)) {
      return;
    }
    boolean due =
        policy.appendFull(f.l2Bytes) || policy.appendAged(f.l2.peekFirst(), f.appendMaxAge, now);
    if (f.phase() == Phase.LATE && due) {
      // A late file is written once, when its timers say so, and finished right away.
      f.moveTo(Phase.FINISHING);
    }
    if (f.phase() == Phase.FINISHING) {
      // Wait for the last members to come back from compression, then write and finish in one go.
      if (f.drained() && (!f.l2.isEmpty() || f.fileExists)) {
        submitWrite(f, now, true);
      }
    } else if (due) {
      submitWrite(f, now, false);
    }
  }

  /** {@code drain}: finish the file once everything buffered for it is in this write. */
  void submitWrite(TargetFile f, long now, boolean drain) {
    List<Member> members = f.takeForWrite(policy.rollBytes());
    long size = 0;
    for (Member m : members) {
      size += m.gzip.length;
    }
    boolean rolls = policy.rollReached(f.fileBytes + size) || !f.l2.isEmpty();
    boolean everything = f.l2.isEmpty() && f.drained();
    boolean finish = rolls || (drain && everything);
    if (members.isEmpty() && !finish) {
      return;
    }
    bytes.level2 -= size;
    bytes.writing += size;
    f.writing = true;
    f.writingFirstSequence = members.isEmpty() ? Long.MAX_VALUE : members.get(0).firstSequence;
    final boolean create = !f.fileExists;
    final int sequence = f.fileSequence;
    final long lengthBefore = f.fileBytes;
    final UnresolvedWrite previous = f.unresolved;
    final long written = size;
    writers.execute(
        () -> {
          WriteOutcome outcome;
          try {
            outcome =
                writer.write(f.target, sequence, create, lengthBefore, members, finish, previous);
          } catch (RuntimeException | Error e) {
            outcome =
                new WriteOutcome(
                    sequence, 0, lengthBefore, false, new IllegalStateException(e), previous);
          }
          final WriteOutcome result = outcome;
          completions.add(at -> writeDone(f, members, written, result, finish, at));
        });
  }

  private void writeDone(
      TargetFile f,
      List<Member> members,
      long size,
      WriteOutcome outcome,
      boolean finish,
      long now) {
    bytes.writing -= size;
    f.writing = false;
    f.writingFirstSequence = Long.MAX_VALUE;
    f.fileSequence = outcome.sequence;
    f.unresolved = outcome.unresolved;
    long durableBytes = 0;
    for (int i = 0; i < outcome.membersDurable; i++) {
      durableBytes += members.get(i).gzip.length;
    }
    if (outcome.membersDurable > 0) {
      f.fileExists = true;
      f.fileBytes = outcome.length;
      stats.hdfsWrites++;
      stats.hdfsBytesWritten += durableBytes;
    }
    if (outcome.membersDurable < members.size()) {
      f.requeue(members.subList(outcome.membersDurable, members.size()));
      bytes.level2 += size - durableBytes;
    }
    if (outcome.failure != null) {
      WriteFailure kind = classifier.classify(outcome.failure);
      f.retry.failed(now, kind);
      stats.writeFailed(
          f.target.directory()
              + "/"
              + f.target.fileBase()
              + " seq "
              + outcome.sequence
              + ": "
              + outcome.failure,
          kind == WriteFailure.FATAL);
      if (outcome.membersDurable == members.size() && finish) {
        f.moveTo(Phase.FINISHING); // the data is in; only the rename is left, retried by the scan
      }
      return;
    }
    f.retry.succeeded();
    if (finish && outcome.renamed) {
      stats.filesFinished++;
      finishListener.finished(f.target, outcome.sequence);
      f.fileExists = false;
      f.fileBytes = 0;
      f.fileSequence = outcome.sequence + 1;
      if (f.phase() == Phase.FINISHING && !stopping && !f.idle()) {
        // lines arrived while the hour was being finished: they form a late file
        f.moveTo(Phase.LATE);
      }
    }
    if (f.idle() && !f.fileExists && f.closing()) {
      targets.remove(f.target);
    } else {
      maybeWrite(f, now);
    }
  }
}
