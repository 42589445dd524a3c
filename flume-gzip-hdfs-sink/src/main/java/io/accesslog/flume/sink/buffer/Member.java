package io.accesslog.flume.sink.buffer;

/** Level 2: one complete gzip member of one target, waiting for its HDFS write. Immutable. */
final class Member {
  final long id;
  final byte[] gzip;
  final int lines;
  final int rawBytes;
  final long firstSequence;

  /**
   * One past the spool sequence of its last line: once this member is durable, so is every earlier
   * line of its target.
   */
  final long endSequence;

  final long createdMillis;

  Member(
      long id,
      byte[] gzip,
      int lines,
      int rawBytes,
      long firstSequence,
      long endSequence,
      long createdMillis) {
    this.id = id;
    this.gzip = gzip;
    this.lines = lines;
    this.rawBytes = rawBytes;
    this.firstSequence = firstSequence;
    this.endSequence = endSequence;
    this.createdMillis = createdMillis;
  }
}
