package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.PartitionPauser;
import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/**
 * The direct channel's fetch gate: every assigned partition is paused ({@link PartitionPauser})
 * while either
 *
 * <ul>
 *   <li>{@code buffer.maxRecords} polled records, or {@code buffer.maxBytes} of them, wait to be
 *       taken (bounds memory; resumed once both are down to half), or
 *   <li>an offset commit is owed: Kafka refused the last one (a rebalance in progress, an
 *       eviction). Records the sinks commit meanwhile are not acknowledged to Kafka, so fetching
 *       stops until a commit succeeds; a crash then re-delivers at most what was already queued.
 * </ul>
 *
 * The consumer keeps polling while paused (no records, but it stays in its group and completes the
 * rebalance). Consumer thread only.
 */
final class BufferGate {

  private final PartitionPauser pauser;
  private final int maxRecords;
  private final long maxBytes;
  private boolean full;

  BufferGate(PartitionPauser pauser, int maxRecords, long maxBytes) {
    this.pauser = pauser;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
  }

  /**
   * Pauses or resumes for {@code queued} records ({@code queuedBytes} bytes) waiting to be taken
   * and an owed commit.
   */
  void update(int queued, long queuedBytes, boolean commitOwed) {
    if (!full && (queued >= maxRecords || queuedBytes >= maxBytes)) {
      full = true;
      pauser.hold(PartitionPauser.Reason.BUFFER_FULL);
    } else if (full && queued <= maxRecords / 2 && queuedBytes <= maxBytes / 2) {
      full = false;
      pauser.release(PartitionPauser.Reason.BUFFER_FULL);
    }
    if (commitOwed) {
      pauser.hold(PartitionPauser.Reason.COMMIT_OWED);
    } else {
      pauser.release(PartitionPauser.Reason.COMMIT_OWED);
    }
  }

  /** Whether fetching is paused for a full buffer. */
  boolean full() {
    return full;
  }

  /** Records at or below which a full buffer resumes. */
  int resumeRecords() {
    return maxRecords / 2;
  }

  /** Bytes at or below which a full buffer resumes. */
  long resumeBytes() {
    return maxBytes / 2;
  }

  /** Newly assigned partitions join the pause while it lasts. */
  void onAssigned(Collection<TopicPartition> assigned) {
    pauser.onAssigned(assigned);
  }
}
