package io.accesslog.flume.sink.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything the runner knows about one target: its level-1 lines, its level-2 members, work in
 * flight on the workers, and the HDFS file currently being filled. Touched only by the runner thread.
 */
final class TargetFile {
  final FileTarget target;
  final long appendMaxAge;
  final LineBuffer l1 = new LineBuffer();
  final ArrayDeque<Member> l2 = new ArrayDeque<>();
  long l2Bytes;

  /** Members come back from the workers in any order; they join level 2 in the order they were cut. */
  long nextMemberId;
  long nextMemberToQueue;
  final TreeMap<Long, Member> outOfOrder = new TreeMap<>();
  final ArrayDeque<Long> compressingFirstSequences = new ArrayDeque<>();

  /** At most one HDFS write per target at a time, so a file's appends never race. */
  boolean writing;
  long writingFirstSequence = Long.MAX_VALUE;
  /** The last write failed after its intent was recorded: the next one first finds out what arrived. */
  UnresolvedWrite unresolved;
  /** Failed writes of this file wait here before the next attempt. */
  final RetrySchedule retry;

  /** The file being filled: its sequence number, whether it exists in HDFS yet, its compressed size. */
  int fileSequence;
  boolean fileExists;
  long fileBytes;

  /** The hour closed (or the sink stops): write everything, then rename to the final name. */
  boolean finishing;
  /** Lines for an hour that was already closed when they arrived: each write finishes its file. */
  boolean late;

  TargetFile(FileTarget target, long appendMaxAge, boolean late, RetryBackoff backoff) {
    this.target = target;
    this.retry = new RetrySchedule(backoff);
    this.appendMaxAge = appendMaxAge;
    this.late = late;
  }

  boolean compressing() {
    return !compressingFirstSequences.isEmpty();
  }

  /** Nothing buffered, nothing in flight. */
  boolean idle() {
    return l1.lines() == 0 && l2.isEmpty() && !compressing() && !writing && outOfOrder.isEmpty();
  }

  /** Lowest spool sequence of a line of this target not yet durable in HDFS; MAX_VALUE when none. */
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
