package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.OffsetCommitter;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct channel's rebalance listener, called by Kafka inside poll() or close() on the consumer
 * thread. Sink threads never need that thread to commit a take transaction, so waiting for them
 * here cannot deadlock.
 *
 * <ul>
 *   <li>Revoked: let the {@link PrepareStage} queue every batch polled before; stop handing out the
 *       partitions' records and drop the queued ones; wait (at most {@code revoke.waitMillis}) for
 *       the transactions holding records of them to commit or roll back; commit exactly what the
 *       sinks committed; forget the partitions. The next owner starts at that offset: what was not
 *       committed is re-delivered, nothing is lost.
 *   <li>Lost: drop and forget, commit nothing (another member may own them already).
 *   <li>Assigned: join a running pause.
 * </ul>
 */
final class DirectRebalanceHandler implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(DirectRebalanceHandler.class);

  private final String channelName;
  private final TakeQueues queues;
  private final PrepareStage stage;
  private final OffsetCommitter committer;
  private final BufferGate gate;
  private final DirectChannelCounter counter;
  private final long revokeWaitMillis;

  DirectRebalanceHandler(
      String channelName,
      TakeQueues queues,
      PrepareStage stage,
      OffsetCommitter committer,
      BufferGate gate,
      DirectChannelCounter counter,
      long revokeWaitMillis) {
    this.channelName = channelName;
    this.queues = queues;
    this.stage = stage;
    this.committer = committer;
    this.gate = gate;
    this.counter = counter;
    this.revokeWaitMillis = revokeWaitMillis;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    if (revoked.isEmpty()) {
      return;
    }
    awaitPrepared();
    int released = queues.close(revoked);
    boolean drained;
    try {
      drained = queues.awaitReleased(revoked, revokeWaitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      drained = false;
    }
    boolean committed = committer.commitDelivered("revoke");
    queues.forget(revoked);
    counter.kafkaCounts().addKafkaPartitionsRevoked(revoked.size());
    LOG.info(
        "{}: partitions revoked {}; {} queued records released to the next owner; "
            + "in-flight take transactions {}; commit {}",
        channelName,
        revoked,
        released,
        drained
            ? "finished"
            : "still open after "
                + revokeWaitMillis
                + " ms (their records will be re-delivered to the next owner)",
        committed ? "succeeded" : "FAILED (records since the last commit will be re-delivered)");
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    awaitPrepared();
    int released = queues.close(lost);
    queues.forget(lost);
    counter.kafkaCounts().addKafkaPartitionsLost(lost.size());
    LOG.warn(
        "{}: partitions lost {}; nothing committed for them, {} queued records dropped; "
            + "records the sinks committed since the last offset commit will be re-delivered "
            + "(duplicates)",
        channelName,
        lost,
        released);
  }

  /** Every batch polled before this rebalance is in the queues, so closing them covers it. */
  private void awaitPrepared() {
    try {
      stage.awaitIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    counter.kafkaCounts().incrementKafkaRebalance();
    gate.onAssigned(assigned);
    LOG.info("{}: partitions assigned {}", channelName, assigned);
  }
}
