package io.accesslog.flume.sink.buffer;

/**
 * A write that failed after its intent was recorded: the file may hold none, all or part of its
 * bytes. The next write of that file first finds out which ({@link AppendCheck}). Immutable.
 */
final class UnresolvedWrite {
  final int sequence;
  final long lengthBefore;
  final long bytes;
  final long sequenceEnd;

  /**
   * The members of the failed write are this one and everything before it at the head of level 2.
   */
  final long lastMemberId;

  UnresolvedWrite(
      int sequence, long lengthBefore, long bytes, long sequenceEnd, long lastMemberId) {
    this.sequence = sequence;
    this.lengthBefore = lengthBefore;
    this.bytes = bytes;
    this.sequenceEnd = sequenceEnd;
    this.lastMemberId = lastMemberId;
  }

  @Override
  public String toString() {
    return "seq " + sequence + " length " + lengthBefore + " + " + bytes;
  }
}
