package io.accesslog.flume.sink;

import io.accesslog.flume.sink.route.Target;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolBatch;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's commit point: a batch is appended to the local spool and fsynced before the channel
 * transaction commits. A commit that fails (not writable, full, fsync error) is counted and logged,
 * at most once a minute with the count so far, and once more when commits work again. Without a
 * spool ({@code sink.durability = none}) lines get sequence numbers all the same, so the engine
 * treats both alike. Runner thread only.
 */
final class SpoolCommit {
  /**
   * {@link #commit}'s answer when the spool refused the batch: roll the channel transaction back.
   */
  static final long REFUSED = -1;

  private static final long ERROR_LOG_INTERVAL_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);

  private final String sinkName;
  private final Spool spool;
  private final Path dir;
  private final GzipSinkCounter counter;
  private long noSpoolSequence;
  private long failures;
  private long nextErrorLogMillis;

  /**
   * @param spool null for {@code sink.durability = none}
   */
  SpoolCommit(String sinkName, Spool spool, Path dir, GzipSinkCounter counter) {
    this.sinkName = sinkName;
    this.spool = spool;
    this.dir = dir;
    this.counter = counter;
  }

  /**
   * Makes the first {@code n} lines durable locally.
   *
   * @return the sequence of the first line (the others follow it), or {@link #REFUSED}
   */
  long commit(Target[] routed, byte[][] bodies, int n, long now) {
    if (spool == null) {
      long first = noSpoolSequence;
      noSpoolSequence += n;
      return first;
    }
    SpoolBatch batch = spool.newBatch();
    for (int i = 0; i < n; i++) {
      batch.add(routed[i].spoolKey(), bodies[i]);
    }
    long first = batch.firstSequence();
    try {
      batch.commit();
    } catch (IOException e) {
      failed(e, now);
      return REFUSED;
    }
    if (failures > 0) {
      LOG.info("{}: spool {} is writable again after {} failed commit(s)", sinkName, dir, failures);
      failures = 0;
    }
    return first;
  }

  private void failed(IOException e, long now) {
    failures++;
    counter.incrementSpoolWriteFailures();
    if (failures == 1 || now >= nextErrorLogMillis) {
      nextErrorLogMillis = now + ERROR_LOG_INTERVAL_MILLIS;
      LOG.error(
          "{}: cannot write the spool in {} ({} failed commit(s) so far): {}; every batch is rolled back into "
              + "the channel until the spool is writable again (check disk space, permissions and the disk's health)",
          sinkName,
          dir,
          failures,
          e.toString());
    }
  }
}
