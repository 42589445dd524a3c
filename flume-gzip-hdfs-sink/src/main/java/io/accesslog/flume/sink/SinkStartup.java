package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.RetrySchedule;
import io.accesslog.flume.sink.buffer.WriteFailure;
import io.accesslog.flume.sink.hdfs.HadoopFailures;
import java.io.IOException;
import java.util.List;
import org.apache.flume.Sink.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a started sink does before it takes its first event, one step per {@code process()}: claim
 * its writer id, then (with a spool) recover. Each is retried on its own {@link RetrySchedule}
 * while HDFS is unreachable, so no step busy-loops; BACKOFF while waiting, READY while there is
 * work.
 *
 * <p><b>Claim.</b> See {@link WriterClaim}. While another writer holds the id, nothing is taken:
 * events stay in the channel, an error is logged each attempt (every {@code retry.maxBackoff}) and
 * {@code WriterIdConflict} is 1, until the id is changed or the claim deleted.
 *
 * <p><b>Recovery.</b> {@link FileRecovery} first (resolve interrupted writes against the real file
 * lengths, resume this writer's in-progress files, finish unknown ones), then {@link SpoolReplay}
 * in chunks that respect the memory budget. Spool segments are not retired until it is complete.
 */
final class SinkStartup {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);

  private final String sinkName;
  private final SinkSettings settings;
  private final SinkParts parts;
  private final HourDuty hours;
  private final SpoolRetirement retirement;
  private final GzipSinkCounter counter;
  private final RetrySchedule claimRetry;
  private final RetrySchedule recoveryRetry;
  private boolean claimed;
  private boolean recovering;
  private SpoolReplay replay;

  /**
   * @param retirement null without a spool (then there is nothing to recover)
   */
  SinkStartup(
      String sinkName,
      SinkSettings settings,
      SinkParts parts,
      HourDuty hours,
      SpoolRetirement retirement,
      GzipSinkCounter counter) {
    this.sinkName = sinkName;
    this.settings = settings;
    this.parts = parts;
    this.hours = hours;
    this.retirement = retirement;
    this.counter = counter;
    this.claimRetry = new RetrySchedule(settings.backoff);
    this.recoveryRetry = new RetrySchedule(settings.backoff);
    this.recovering = settings.durable();
  }

  boolean claimed() {
    return claimed;
  }

  /** Claimed, but the recovery is not complete yet: take no events, retire no spool segment. */
  boolean recovering() {
    return recovering;
  }

  /** One attempt to claim the writer id, when its schedule says one is due. */
  Status claim(long now) {
    if (!claimRetry.due(now)) {
      return Status.BACKOFF;
    }
    try {
      parts.claim.claim(parts.store);
      hours.start();
      claimed = true;
      counter.setWriterIdConflict(false);
      LOG.info(
          "{}: writer id {} is ours ({})", sinkName, settings.route.writerId(), parts.claim.path());
      return Status.READY;
    } catch (WriterClaim.Conflict e) {
      claimRetry.failedForGood(now);
      counter.setWriterIdConflict(true);
      LOG.error("{}: not writing: {}", sinkName, e.getMessage());
      return Status.BACKOFF;
    } catch (IOException | RuntimeException e) {
      WriteFailure kind = HadoopFailures.CLASSIFIER.classify(e);
      long delay = claimRetry.failed(now, kind);
      LOG.warn(
          "{}: could not claim writer id {} in {} ({} attempt(s), {}), retrying in {} ms: {}",
          sinkName,
          settings.route.writerId(),
          parts.claim.path(),
          claimRetry.failures(),
          kind,
          delay,
          e.toString());
      return Status.BACKOFF;
    }
  }

  /** One step of the recovery: files first, then one chunk of the replay. */
  Status recover(long now) {
    if (!recoveryRetry.due(now)) {
      return Status.BACKOFF;
    }
    try {
      if (replay == null) {
        recoverFiles(now);
        replay = new SpoolReplay(settings.spool.dir(), parts.ledger.entries());
      }
      long before = replay.replayed;
      boolean done = replay.step(parts.engine, now);
      replay.logProgress(LOG, sinkName, parts.spool.nextSequence(), now);
      counter.addReplayedEvents(replay.replayed - before);
      if (!done) {
        return Status.READY;
      }
      if (replay.corruptBlocks + replay.tornTails > 0) {
        LOG.warn(
            "{}: spool {}: {} corrupt block(s) skipped ({} records lost) and {} torn tail(s) found during replay",
            sinkName,
            settings.spool.dir(),
            replay.corruptBlocks,
            replay.lostRecords,
            replay.tornTails);
        counter.addSpoolDamage(replay.lostRecords + replay.tornTails);
      }
      LOG.info(
          "{}: replayed {} spool record(s) not yet in HDFS ({} already there, skipped); taking events",
          sinkName,
          replay.replayed,
          replay.skipped);
      recovering = false;
      counter.setRecovering(false);
      retirement.compactLedger();
      return Status.READY;
    } catch (IOException | RuntimeException e) {
      WriteFailure kind = HadoopFailures.CLASSIFIER.classify(e);
      long delay = recoveryRetry.failed(now, kind);
      LOG.warn(
          "{}: recovery at start failed ({} attempt(s), {}), retrying in {} ms; no events are taken until it "
              + "succeeds: {}",
          sinkName,
          recoveryRetry.failures(),
          kind,
          delay,
          e.toString());
      return Status.BACKOFF;
    }
  }

  private void recoverFiles(long now) throws IOException {
    String listRoot = settings.orphanScan.reason(parts.ledger.rootChecked());
    if (listRoot != null) {
      LOG.info(
          "{}: recovery lists {} for in-progress files of writer id {} unknown to the ledger: {}",
          sinkName,
          settings.route.root(),
          settings.route.writerId(),
          listRoot);
    }
    FileRecovery files =
        new FileRecovery(
            sinkName,
            parts.ledger,
            parts.store,
            WriterFileNames.of(settings.route.writerId()),
            settings.route.root(),
            settings.route.writerId(),
            listRoot != null);
    List<FileRecovery.Resumed> resumed = files.run();
    if (listRoot != null) {
      parts.ledger.markRootChecked();
    }
    for (FileRecovery.Resumed r : resumed) {
      parts.engine.resume(r.target, r.sequence, r.length, now);
    }
    counter.addRecoveredFiles(files.repairedFiles + files.orphansFinished);
    LOG.info(
        "{}: recovery: {} in-progress file(s) resumed, {} cut back to their last whole member, {} unknown "
            + "one(s) finished",
        sinkName,
        resumed.size(),
        files.repairedFiles,
        files.orphansFinished);
  }
}
