package io.accesslog.flume.source;

import io.accesslog.flume.source.kafka.OffsetCommitter;
import io.accesslog.flume.source.kafka.OffsetTracker;
import io.accesslog.flume.source.kafka.PartitionPauser;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the buffer, tracker and pause state right across rebalances. Kafka calls it from inside
 * poll() (or close()), on the consumer thread, never while a channel transaction is open.
 *
 * <ul>
 *   <li>Revoked: commit exactly what the channel holds, then drop the buffered records of the
 *       revoked partitions; they were never in the channel and the new owner reads them from the
 *       committed offset (a re-delivery, not a loss).
 *   <li>Lost: drop their buffered records and commit nothing: another member may already own them
 *       and have committed further.
 *   <li>Assigned: pause the new partitions if a pause is running (a refused batch waits, or a
 *       commit is owed).
 * </ul>
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(RebalanceHandler.class);

  private final String sourceName;
  private final RecordBuffer buffer;
  private final OffsetTracker tracker;
  private final OffsetCommitter committer;
  private final PartitionPauser pauser;
  private final AccessLogSourceCounter counter;

  RebalanceHandler(
      String sourceName,
      RecordBuffer buffer,
      OffsetTracker tracker,
      OffsetCommitter committer,
      PartitionPauser pauser,
      AccessLogSourceCounter counter) {
    this.sourceName = sourceName;
    this.buffer = buffer;
    this.tracker = tracker;
    this.committer = committer;
    this.pauser = pauser;
    this.counter = counter;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    boolean committed = committer.commitDelivered("revoke");
    int released = buffer.drop(revoked);
    tracker.forget(revoked);
    counter.kafkaCounts().addKafkaPartitionsRevoked(revoked.size());
    counter.addKafkaRecordsReleased(released);
    LOG.info(
        "{}: partitions revoked {}; commit of delivered offsets {}; {} polled records not "
            + "yet in the channel released to the next owner",
        sourceName,
        revoked,
        committed ? "succeeded" : "FAILED (records since the last commit will be re-delivered)",
        released);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    int released = buffer.drop(lost);
    tracker.forget(lost);
    counter.kafkaCounts().addKafkaPartitionsLost(lost.size());
    counter.addKafkaRecordsReleased(released);
    LOG.warn(
        "{}: partitions lost {} (the group moved on without us, e.g. after a long pause or "
            + "session timeout); nothing committed for them, {} buffered records dropped; records "
            + "delivered to the channel since the last commit will be re-delivered (duplicates)",
        sourceName,
        lost,
        released);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    counter.kafkaCounts().incrementKafkaRebalance();
    pauser.onAssigned(assigned);
    LOG.info("{}: partitions assigned {}", sourceName, assigned);
  }
}
