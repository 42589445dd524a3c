package io.accesslog.flume.sink.buffer;

/**
 * What one HDFS write task did: the file sequence it ended up using (a create skips sequences whose
 * files already exist), whether the data is durable, whether the file was renamed to its final name,
 * and the failure if any. Data written but rename failed is NOT a data failure: only the rename is retried.
 */
final class WriteOutcome {
  final int sequence;
  final boolean dataWritten;
  final boolean renamed;
  final Exception failure;

  WriteOutcome(int sequence, boolean dataWritten, boolean renamed, Exception failure) {
    this.sequence = sequence;
    this.dataWritten = dataWritten;
    this.renamed = renamed;
    this.failure = failure;
  }
}
