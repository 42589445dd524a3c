package io.accesslog.flume.sink.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything the runner knows about one target: its level-1 lines, its level-2 members, work in
 * flight on the workers, and the HDFS file currently being filled. Touched only by the runner
 * thread.
 */
final class TargetFile {
  final FileTarget target;
  final long appendMaxAge;
  final LineBuffer l1 = new LineBuffer();
  final ArrayDeque<Member> l2 = new ArrayDeque<>();
  long l2Bytes;

  /**
   * Members come back from the workers in any order; they join level 2 in the order they were cut.
   */
  long nextMemberId;

  long nextMemberToQueue;
  final TreeMap<Long, Member> outOfOrder = new TreeMap<>();
  final ArrayDeque<Long> compressingFirstSequences = new ArrayDeque<>();

  /** At most one HDFS write per target at a time, so a file's appends never race. */
  boolean writing;

  long writingFirstSequence = Long.MAX_VALUE;

  /**
   * The last write failed after its intent was recorded: the next one first finds out what arrived.
   */
  UnresolvedWrite unresolved;

  /** Failed writes of this file wait here before the next attempt. */
  final RetrySchedule retry;

  /**
   * The file being filled: its sequence number, whether it exists in HDFS yet, its compressed size.
   */
  int fileSequence;

  boolean fileExists;
  long fileBytes;

  private Phase phase;

  /**
   * Where a target is in its life. {@code writing} and {@code fileExists} above are facts of their
   * own: a write can be in flight and a file can exist in every phase.
   */
  enum Phase {
    /**
     * Lines accumulate; the file is written on the level-2 timers and finished at {@code
     * roll.bytes}.
     */
    OPEN,
    /**
     * Lines of an hour that was already closed when they arrived: a due write finishes the file.
     */
    LATE,
    /**
     * The hour closed, the sink stops, a late file's write is due, or a finished file's rename
     * failed: write everything, then rename to the final name.
     */
    FINISHING;

    /**
     * The moves the engine makes: to FINISHING from any phase (again from FINISHING when the sink
     * stops); FINISHING to LATE when lines arrived while the file was being finished. Nothing goes
     * back to OPEN: a target that finished its hour is removed once idle.
     */
    boolean canMoveTo(Phase next) {
      return next == FINISHING || (this == FINISHING && next == LATE);
    }
  }

  TargetFile(FileTarget target, long appendMaxAge, Phase phase, RetryBackoff backoff) {
    this.target = target;
    this.retry = new RetrySchedule(backoff);
    this.appendMaxAge = appendMaxAge;
    this.phase = phase;
  }

  Phase phase() {
    return phase;
  }

  /**
   * @throws IllegalStateException for a move {@link Phase#canMoveTo} does not allow (a bug in the
   *     engine)
   */
  void moveTo(Phase next) {
    if (!phase.canMoveTo(next)) {
      throw new IllegalStateException(
          target.directory() + "/" + target.fileBase() + ": no move from " + phase + " to " + next);
    }
    phase = next;
  }

  /** Finishing or late: once idle with no file in progress, the engine forgets the target. */
  boolean closing() {
    return phase != Phase.OPEN;
  }

  boolean compressing() {
    return !compressingFirstSequences.isEmpty();
  }

  /** A member back from compression: it joins level 2 once every member cut before it has. */
  void memberBack(Member m) {
    compressingFirstSequences.remove(m.firstSequence);
    outOfOrder.put(m.id, m);
    while (!outOfOrder.isEmpty() && outOfOrder.firstKey() == nextMemberToQueue) {
      Member next = outOfOrder.pollFirstEntry().getValue();
      l2.addLast(next);
      l2Bytes += next.gzip.length;
      nextMemberToQueue++;
    }
  }

  /**
   * No line in level 1, being compressed, or waiting for an earlier member: all are in level 2 or
   * written.
   */
  boolean drained() {
    return l1.lines() == 0 && !compressing() && outOfOrder.isEmpty();
  }

  /** Nothing buffered, nothing in flight. */
  boolean idle() {
    return l1.lines() == 0 && l2.isEmpty() && !compressing() && !writing && outOfOrder.isEmpty();
  }

  /**
   * Lowest spool sequence of a line of this target not yet durable in HDFS; MAX_VALUE when none.
   */
  long oldestUndurableSequence() {
    long oldest = writingFirstSequence;
    if (!l2.isEmpty()) {
      oldest = Math.min(oldest, l2.peekFirst().firstSequence);
    }
    if (!outOfOrder.isEmpty()) {
      oldest = Math.min(oldest, outOfOrder.firstEntry().getValue().firstSequence);
    }
    for (long s : compressingFirstSequences) {
      oldest = Math.min(oldest, s);
    }
    if (l1.lines() > 0) {
      oldest = Math.min(oldest, l1.firstSequence());
    }
    return oldest;
  }

  /**
   * Takes level-2 members for one write: all of them, unless the file would pass {@code rollBytes},
   * in which case only as many as fill it (at least one).
   */
  List<Member> takeForWrite(long rollBytes) {
    List<Member> taken = new ArrayList<>();
    long bytes = fileBytes;
    while (!l2.isEmpty() && (taken.isEmpty() || bytes + l2.peekFirst().gzip.length <= rollBytes)) {
      Member m = l2.pollFirst();
      l2Bytes -= m.gzip.length;
      bytes += m.gzip.length;
      taken.add(m);
    }
    return taken;
  }

  /** Puts members of a failed write back at the head of level 2, in their order. */
  void requeue(List<Member> members) {
    for (int i = members.size() - 1; i >= 0; i--) {
      l2.addFirst(members.get(i));
      l2Bytes += members.get(i).gzip.length;
    }
  }
}
