package io.accesslog.flume.sink.buffer;

/**
 * What one HDFS write task did: the file sequence it ended up using (a create skips sequences whose
 * files already exist), how many of its members (a prefix) are durable in the file and the file's
 * durable length, whether the file was renamed to its final name, the failure if any, and a write
 * whose result is unknown (its intent was recorded, then it failed). Data written but rename failed
 * is NOT a data failure: only the rename is retried.
 */
final class WriteOutcome {
  final int sequence;
  final int membersDurable;
  final long length;
  final boolean renamed;
  final Exception failure;
  final UnresolvedWrite unresolved;

  WriteOutcome(
      int sequence,
      int membersDurable,
      long length,
      boolean renamed,
      Exception failure,
      UnresolvedWrite unresolved) {
    this.sequence = sequence;
    this.membersDurable = membersDurable;
    this.length = length;
    this.renamed = renamed;
    this.failure = failure;
    this.unresolved = unresolved;
  }
}
