package io.accesslog.flume.sink;

import io.accesslog.flume.sink.auth.HdfsLogin;
import io.accesslog.flume.sink.buffer.FileNames;
import io.accesslog.flume.sink.buffer.FileStore;
import io.accesslog.flume.sink.buffer.FileTarget;
import io.accesslog.flume.sink.buffer.RetrySchedule;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.buffer.WriteFailure;
import io.accesslog.flume.sink.buffer.WriteJournal;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import io.accesslog.flume.sink.gzip.CodecChoice;
import io.accesslog.flume.sink.gzip.EncoderPool;
import io.accesslog.flume.sink.hdfs.BoundedFileStore;
import io.accesslog.flume.sink.hdfs.HadoopFailures;
import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import io.accesslog.flume.sink.hdfs.TimedCalls;
import io.accesslog.flume.sink.route.FileNamer;
import io.accesslog.flume.sink.hour.HadoopHourStore;
import io.accesslog.flume.sink.hour.HourKeeper;
import io.accesslog.flume.sink.route.Target;
import io.accesslog.flume.sink.route.TargetRouter;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolBatch;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flume sink that stores events as hour-bucketed, multi-member gzip files in HDFS.
 * {@code type = io.accesslog.flume.sink.GzipHdfsSink}.
 *
 * <p>{@link #process()} (the runner thread): take a batch, route every event to its target file,
 * append the batch to the local spool and fsync it, commit the channel transaction, then hand the
 * lines to the {@link WriteEngine}, which compresses and writes on the worker threads. The spool
 * fsync is the commit point: once the channel forgets a batch, the spool has it until HDFS does.
 * See {@link WriteEngine} for buffering, rolling and the memory budget.
 *
 * <h2>Failure handling</h2>
 *
 * <p><b>Recovery at start.</b> Before the first event is taken, {@code process()} runs
 * {@link FileRecovery} (resolve interrupted writes against the real file lengths, resume this
 * writer's in-progress files, finish unknown ones) and then {@link SpoolReplay} (spool records not
 * yet durable in HDFS go back into the engine, in chunks that respect the memory budget). Both are
 * retried with backoff while HDFS is unreachable; spool segments are not retired until the replay is
 * complete. The per-file state lives in the {@link FileLedger} next to the spool: every HDFS write
 * records its intent before and its new length after, so a replayed line is never written twice
 * and a partial gzip member never stays in a file.
 *
 * <p><b>HDFS outage.</b> Failed writes are retried per file with exponential backoff
 * ({@code retry.*}); fatal failures (permission, quota, invalid path) are counted, logged as such and
 * retried at the longest backoff. Meanwhile batches keep going to the spool until
 * {@code spool.maxBytes}, then {@code process()} returns BACKOFF and the channel fills.
 *
 * <p><b>Disk trouble.</b> A spool commit that fails (not writable, full, fsync error) rolls the
 * channel transaction back; one error names the directory and the cause, and the sink resumes by
 * itself once a commit succeeds again.
 */
public final class GzipHdfsSink extends AbstractSink implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);
  private static final long SPOOL_RETIRE_INTERVAL_MILLIS = 1000;
  private static final long LEDGER_COMPACT_BYTES = 8L << 20;

  private final Clock clock;
  private SinkSettings settings;
  private GzipSinkCounter counter;

  private FileSystem fs;
  private ExecutorService compressors;
  private ExecutorService writers;
  private EncoderPool encoders;
  private TargetRouter router;
  private Spool spool;
  private FileLedger ledger;
  private WriteEngine engine;
  private FileStore store;
  private HdfsLogin login;
  private TimedCalls calls;
  private boolean recovering;
  private WriterClaim claim;
  private boolean claimed;
  private RetrySchedule claimRetry;
  private SpoolReplay replay;
  private RetrySchedule recoveryRetry;
  private long spoolFailures;
  private long nextSpoolErrorLogMillis;
  private long loggedFatalFailures;
  private long noSpoolSequence;
  private long nextRetireMillis;
  private long loggedWriteFailures;
  private HourKeeper hours;
  private ScheduledExecutorService heartbeat;
  private long nextHourUpdateMillis;
  private final Map<String, Target> lateTargets = new HashMap<>();
  private Target[] routed = new Target[0];
  private byte[][] bodies = new byte[0][];

  public GzipHdfsSink() {
    this(Clock.systemUTC());
  }

  GzipHdfsSink(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void configure(Context context) {
    settings = SinkSettings.parse(getName(), context.getParameters());
    if (counter == null) {
      counter = new GzipSinkCounter(getName());
    }
    if (login != null) {
      login.close();
    }
    login = new HdfsLogin(getName(), settings.auth, settings.backoff.maxMillis());
    LOG.info("{}: configured: {}", getName(), settings);
  }

  @Override
  public long getBatchSize() {
    return settings.batchSize;
  }

  @Override
  public synchronized void start() {
    // Log in before anything is opened: a failed login leaves spool, ledger and channel alone.
    // The counter is up first, so a failed login shows (KerberosLoginFailures) while Flume retries
    // the start; Recovering is 1 until the start-up recovery is done, so nothing that watches it
    // takes a sink that has not started for a drained one.
    counter.attachLogin(login);
    counter.setRecovering(settings.durable());
    counter.start();
    login.login(clock.millis());
    try {
      Path root = new Path(settings.route.root());
      Configuration conf = new Configuration();
      // Hadoop closes cached clients in its own JVM shutdown hook, which races Flume's: our stop()
      // still needs the client to write what is buffered, and closes it itself.
      conf.setBoolean("fs.automatic.close", false);
      // The client takes its user from the thread that creates it: the login (or proxy) user.
      fs = login.user().call(() -> FileSystem.newInstance(root.toUri(), conf));
      CodecChoice codec = CodecChoice.select(settings.compression);
      encoders = new EncoderPool(codec);
      compressors = newPool(getName() + "-compress", settings.workers);
      writers = newPool(getName() + "-hdfs", settings.hdfsWriters);
      calls = new TimedCalls(getName() + "-hdfs-call", settings.callTimeoutMillis,
          2 * (settings.hdfsWriters + 1), login.user());
      store = new BoundedFileStore(new HadoopFileStore(fs, settings.recoveryTimeoutMillis), calls,
          settings.recoveryTimeoutMillis);
      counter.attachCalls(calls);
      WriteJournal journal = WriteJournal.NONE;
      if (settings.durable()) {
        spool = Spool.open(settings.spool);
        spool.tailTruncatedAtOpen().ifPresent(torn -> {
          LOG.warn("{}: spool {}: cut a torn tail at open (a batch whose commit never returned, so never "
              + "acknowledged): {}", getName(), settings.spool.dir(), torn);
          counter.addSpoolDamage(1);
        });
        ledger = FileLedger.open(settings.spool.dir());
        if (ledger.damagedLines() > 0) {
          LOG.warn("{}: ledger {} had {} torn or damaged line(s); skipped", getName(), settings.spool.dir(),
              ledger.damagedLines());
        }
        journal = ledger;
        recovering = true;
        replay = null;
        recoveryRetry = new RetrySchedule(settings.backoff);
      }
      engine = new WriteEngine(settings.buffers, encoders, store, fileNames(settings.route.writerId()),
          journal, settings.backoff, HadoopFailures.CLASSIFIER, compressors, writers);
      router = new TargetRouter(settings.route);
      String identity = WriterClaim.identity(java.net.InetAddress.getLocalHost().getHostName(),
          settings.durable() ? settings.spool.dir().toAbsolutePath().normalize().toString() : null, getName());
      claim = new WriterClaim(settings.route.root(), settings.route.writerId(), identity);
      hours = new HourKeeper(getName(), settings.hours, new HadoopHourStore(fs), settings.route.root(),
          settings.route.path(), settings.route.timeZone(), settings.buffers.closeMinute(), settings.route.writerId(),
          identity);
      hours.clock(clock::millis);
      final HourKeeper keeper = hours;
      engine.onFinished((t, sequence) -> keeper.fileFinished(t.directory(), t.hourStartMillis()));
      nextHourUpdateMillis = 0;
      claimed = false;
      claimRetry = new RetrySchedule(settings.backoff);
      if (!settings.durable()) {
        LOG.warn("{}: sink.durability = none: lines buffered in memory are lost if this agent dies", getName());
      }
      counter.attach(engine.stats(), codec.backend());
      counter.attachHours(hours);
    } catch (Exception e) {
      releaseAll();
      throw new IllegalStateException(getName() + ": could not start: " + e.getMessage()
          + (settings.durable() ? " (spool " + settings.spool.dir() + ")" : ""), e);
    }
    counter.setRecovering(recovering);
    counter.start();
    super.start();
    LOG.info("{}: started; writer id {}, compression {}", getName(), settings.route.writerId(), encoders.backend());
  }

  @Override
  public Status process() throws EventDeliveryException {
    long now = clock.millis();
    try {
      engine.rethrowWorkerFailure();
    } catch (RuntimeException e) {
      throw new EventDeliveryException(getName() + ": a worker failed unexpectedly", e);
    }
    engine.tick(now);
    logNewWriteFailures();
    if (!claimed) {
      return claimWriterId(now);
    }
    if (now >= nextHourUpdateMillis) {
      updateHours(now);
      nextHourUpdateMillis = now + 1000;
    }
    if (recovering) {
      return recover(now);
    }
    retireSpool(now);
    if (engine.overloaded() || (spool != null && spool.isFull())) {
      // Backpressure: leave events in the channel until HDFS catches up.
      return Status.BACKOFF;
    }
    Channel channel = getChannel();
    Transaction tx = channel.getTransaction();
    tx.begin();
    try {
      int n = takeBatch(channel, now);
      if (n == 0) {
        tx.commit();
        counter.incrementBatchEmptyCount();
        return Status.BACKOFF;
      }
      counter.addToEventDrainAttemptCount(n);
      SpoolBatch batch = spool == null ? null : spool.newBatch();
      long first = noSpoolSequence;
      if (batch != null) {
        for (int i = 0; i < n; i++) {
          batch.add(routed[i].spoolKey(), bodies[i]);
        }
        first = batch.firstSequence();
        try {
          batch.commit();
        } catch (IOException e) {
          tx.rollback();
          spoolTrouble(e, now);
          return Status.BACKOFF;
        }
        spoolHealthy();
      } else {
        noSpoolSequence += n;
      }
      tx.commit();
      for (int i = 0; i < n; i++) {
        engine.append(routed[i], bodies[i], first + i, now);
        routed[i] = null;
        bodies[i] = null;
      }
      if (n == settings.batchSize) {
        counter.incrementBatchCompleteCount();
      } else {
        counter.incrementBatchUnderflowCount();
      }
      counter.addToEventDrainSuccessCount(n);
      return Status.READY;
    } catch (Throwable t) {
      tx.rollback();
      counter.incrementEventWriteOrChannelFail(t);
      if (t instanceof Error) {
        throw (Error) t;
      }
      throw new EventDeliveryException(getName() + ": batch not stored, rolled back: " + t.getMessage(), t);
    } finally {
      tx.close();
    }
  }

  /**
   * Claims this sink's writer id before anything is written or recovered (see {@link WriterClaim}). While another
   * writer holds it, nothing is taken: events stay in the channel, an error is logged each attempt (every
   * {@code retry.maxBackoff}) and {@code WriterIdConflict} is 1, until the id is changed or the claim deleted.
   */
  private Status claimWriterId(long now) {
    if (!claimRetry.due(now)) {
      return Status.BACKOFF;
    }
    try {
      claim.claim(store);
      hours.load();
      startHeartbeat();
      claimed = true;
      counter.setWriterIdConflict(false);
      LOG.info("{}: writer id {} is ours ({})", getName(), settings.route.writerId(), claim.path());
      return Status.READY;
    } catch (WriterClaim.Conflict e) {
      claimRetry.failedForGood(now);
      counter.setWriterIdConflict(true);
      LOG.error("{}: not writing: {}", getName(), e.getMessage());
      return Status.BACKOFF;
    } catch (IOException | RuntimeException e) {
      WriteFailure kind = HadoopFailures.CLASSIFIER.classify(e);
      long delay = claimRetry.failed(now, kind);
      LOG.warn("{}: could not claim writer id {} in {} ({} attempt(s), {}), retrying in {} ms: {}", getName(),
          settings.route.writerId(), claim.path(), claimRetry.failures(), kind, delay, e.toString());
      return Status.BACKOFF;
    }
  }

  /**
   * One step of the start-up recovery: files first, then one chunk of the replay. READY while chunks
   * remain, BACKOFF while waiting for HDFS (no busy loop: the next attempt waits {@code retry.*}).
   */
  private Status recover(long now) {
    if (!recoveryRetry.due(now)) {
      return Status.BACKOFF;
    }
    try {
      if (replay == null) {
        String listRoot = settings.orphanScan.reason(ledger.rootChecked());
        if (listRoot != null) {
          LOG.info("{}: recovery lists {} for in-progress files of writer id {} unknown to the ledger: {}",
              getName(), settings.route.root(), settings.route.writerId(), listRoot);
        }
        FileRecovery files = new FileRecovery(getName(), ledger, store, fileNames(settings.route.writerId()),
            settings.route.root(), settings.route.writerId(), listRoot != null);
        List<FileRecovery.Resumed> resumed = files.run();
        if (listRoot != null) {
          ledger.markRootChecked();
        }
        for (FileRecovery.Resumed r : resumed) {
          engine.resume(r.target, r.sequence, r.length, now);
        }
        counter.addRecoveredFiles(files.repairedFiles + files.orphansFinished);
        LOG.info("{}: recovery: {} in-progress file(s) resumed, {} cut back to their last whole member, {} unknown "
            + "one(s) finished", getName(), resumed.size(), files.repairedFiles, files.orphansFinished);
        replay = new SpoolReplay(settings.spool.dir(), ledger.entries());
      }
      long before = replay.replayed;
      boolean done = replay.step(engine, now);
      replay.logProgress(LOG, getName(), spool.nextSequence(), now);
      counter.addReplayedEvents(replay.replayed - before);
      if (!done) {
        return Status.READY;
      }
      if (replay.corruptBlocks + replay.tornTails > 0) {
        LOG.warn("{}: spool {}: {} corrupt block(s) skipped ({} records lost) and {} torn tail(s) found during replay",
            getName(), settings.spool.dir(), replay.corruptBlocks, replay.lostRecords, replay.tornTails);
        counter.addSpoolDamage(replay.lostRecords + replay.tornTails);
      }
      LOG.info("{}: replayed {} spool record(s) not yet in HDFS ({} already there, skipped); taking events",
          getName(), replay.replayed, replay.skipped);
      recovering = false;
      counter.setRecovering(false);
      compactLedger();
      return Status.READY;
    } catch (IOException | RuntimeException e) {
      WriteFailure kind = HadoopFailures.CLASSIFIER.classify(e);
      long delay = recoveryRetry.failed(now, kind);
      LOG.warn("{}: recovery at start failed ({} attempt(s), {}), retrying in {} ms; no events are taken until it "
          + "succeeds: {}", getName(), recoveryRetry.failures(), kind, delay, e.toString());
      return Status.BACKOFF;
    }
  }

  /** Drops ledger entries that no replay can need: nothing in progress, nothing of theirs left in the spool. */
  private void compactLedger() {
    final long first = spool.firstSequence();
    try {
      ledger.compact((LedgerEntry e) -> e.open() || e.pending() != null || e.sequenceEnd() > first);
    } catch (IOException e) {
      LOG.warn("{}: could not compact the ledger in {}: {}", getName(), settings.spool.dir(), e.toString());
    }
  }

  private void spoolTrouble(IOException e, long now) {
    spoolFailures++;
    counter.incrementSpoolWriteFailures();
    if (spoolFailures == 1 || now >= nextSpoolErrorLogMillis) {
      nextSpoolErrorLogMillis = now + 60_000;
      LOG.error("{}: cannot write the spool in {} ({} failed commit(s) so far): {}; every batch is rolled back into "
          + "the channel until the spool is writable again (check disk space, permissions and the disk's health)",
          getName(), settings.spool.dir(), spoolFailures, e.toString());
    }
  }

  private void spoolHealthy() {
    if (spoolFailures > 0) {
      LOG.info("{}: spool {} is writable again after {} failed commit(s)", getName(), settings.spool.dir(),
          spoolFailures);
      spoolFailures = 0;
    }
  }

  private int takeBatch(Channel channel, long now) {
    int max = settings.batchSize;
    if (routed.length < max) {
      routed = new Target[max];
      bodies = new byte[max][];
    }
    int n = 0;
    long fallbacks = 0;
    while (n < max) {
      Event event = channel.take();
      if (event == null) {
        break;
      }
      Target target = router.route(event.getHeaders(), now);
      if (target.usedFallback()) {
        fallbacks++;
      }
      if (!target.rewrittenHeaders().isEmpty()) {
        counter.countRewritten(target.rewrittenHeaders());
      }
      target = lateTarget(target, now);
      routed[n] = target;
      bodies[n] = event.getBody();
      n++;
    }
    if (fallbacks > 0) {
      counter.addFallbackEvents(fallbacks);
    }
    return n;
  }

  /** A line of an hour that already has its marker goes where {@code late.policy} says (see HourKeeper). */
  private Target lateTarget(Target target, long now) {
    String dir = hours.lateDirectory(target.directory(), target.hourStartMillis(), now);
    if (dir.equals(target.directory())) {
      return target;
    }
    if (lateTargets.size() > 10_000) {
      lateTargets.clear();
    }
    return lateTargets.computeIfAbsent(dir + "\n" + target.fileBase(),
        k -> Target.restored(dir, target.fileBase(), target.hourStartMillis()));
  }

  /** What this writer holds, for its watermark and its late hours (see HourKeeper). */
  private void updateHours(long now) {
    long marked = hours.markedThrough();
    hours.update(now, recovering, engine.oldestOpenHour(marked), engine.openHoursBefore(marked, 100));
  }

  /** Heartbeat and hour markers on a thread of their own (HDFS calls never run on the runner thread). */
  private void startHeartbeat() {
    if (heartbeat != null) {
      return;
    }
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = new Thread(runnable, getName() + "-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long interval = settings.hours.heartbeatMillis();
    final HourKeeper keeper = hours;
    pool.scheduleWithFixedDelay(() -> heartbeatRound(keeper), 0, interval, TimeUnit.MILLISECONDS);
    heartbeat = pool;
  }

  /** One round; never throws, so one failure cannot cancel the schedule. */
  private void heartbeatRound(HourKeeper keeper) {
    try {
      keeper.round(clock.millis());
    } catch (Throwable t) {
      LOG.warn("{}: heartbeat / hour markers in {}: {}; retried in {} ms", getName(), settings.route.root(),
          t.toString(), settings.hours.heartbeatMillis());
    }
  }

  private void logNewWriteFailures() {
    long failures = engine.stats().hdfsWriteFailures();
    if (failures > loggedWriteFailures) {
      LOG.warn("{}: {} HDFS write(s) failed since the last report, retrying with backoff; latest: {}", getName(),
          failures - loggedWriteFailures, engine.stats().lastWriteError());
      loggedWriteFailures = failures;
    }
    long fatal = engine.stats().hdfsFatalFailures();
    if (fatal > loggedFatalFailures) {
      LOG.error("{}: HDFS refuses a write for a reason that will not go away by itself (permission, quota or "
          + "path); the lines stay in the spool and the write is retried every {} ms until it is fixed: {}",
          getName(), settings.backoff.maxMillis(), engine.stats().lastFatalError());
      loggedFatalFailures = fatal;
    }
  }

  private void retireSpool(long now) {
    if (spool == null || recovering || now < nextRetireMillis) {
      return;
    }
    nextRetireMillis = now + SPOOL_RETIRE_INTERVAL_MILLIS;
    try {
      spool.retireBefore(engine.oldestUndurableSequence());
    } catch (IOException e) {
      LOG.warn("{}: could not delete retired spool segments in {}: {}", getName(), settings.spool.dir(), e.toString());
    }
    counter.setSpoolBytes(spool.sizeBytes());
    if (ledger.sizeBytes() > LEDGER_COMPACT_BYTES) {
      compactLedger();
    }
  }

  @Override
  public synchronized void stop() {
    // Real time bounds the wait, whatever clock drives the buffering decisions.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.stopTimeoutMillis);
    if (engine != null) {
      engine.finishAll(clock.millis());
      while (!engine.isIdle() && System.nanoTime() < deadline) {
        engine.tick(clock.millis());
        if (!engine.isIdle()) {
          sleepQuietly(20);
        }
      }
      if (!engine.isIdle()) {
        LOG.warn("{}: stop.timeout ({} ms) passed with {} targets not yet in HDFS (last write error: {}); {}",
            getName(), settings.stopTimeoutMillis, engine.openTargets(), engine.stats().lastWriteError(),
            spool != null
                ? "their lines stay in the spool " + settings.spool.dir() + " for the next start"
                : "their lines are LOST (sink.durability = none)");
      } else if (!recovering) {
        retireSpool(Long.MAX_VALUE);
      }
    }
    if (heartbeat != null) {
      heartbeat = shutdown(heartbeat);
      // The last word: what this writer finished, so hours need not wait for its return.
      updateHours(clock.millis());
      try {
        hours.publish(clock.millis());
      } catch (IOException | RuntimeException e) {
        LOG.warn("{}: could not publish the final heartbeat in {}: {}", getName(), settings.route.root(),
            e.toString());
      }
    }
    releaseAll();
    counter.stop();
    super.stop();
    LOG.info("{}: stopped", getName());
  }

  private void releaseAll() {
    compressors = shutdown(compressors);
    writers = shutdown(writers);
    if (calls != null) {
      calls.close();
      calls = null;
    }
    if (encoders != null) {
      encoders.close();
      encoders = null;
    }
    if (spool != null) {
      try {
        spool.close();
      } catch (IOException e) {
        LOG.warn("{}: closing spool {}: {}", getName(), settings.spool.dir(), e.toString());
      }
      spool = null;
    }
    if (ledger != null) {
      try {
        ledger.close();
      } catch (IOException e) {
        LOG.warn("{}: closing the ledger in {}: {}", getName(), settings.spool.dir(), e.toString());
      }
      ledger = null;
    }
    if (fs != null) {
      try {
        fs.close();
      } catch (IOException e) {
        LOG.warn("{}: closing the HDFS client: {}", getName(), e.toString());
      }
      fs = null;
    }
    if (login != null) {
      login.close();
    }
  }

  private static FileNames fileNames(String writerId) {
    return WriterFileNames.of(writerId);
  }

  private <T extends ExecutorService> T shutdown(T pool) {
    if (pool == null) {
      return null;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("{}: threads still busy 30 s after shutdown; interrupting them", getName());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private static ExecutorService newPool(String prefix, int threads) {
    final AtomicInteger number = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread t = new Thread(runnable, prefix + "-" + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  GzipSinkCounter counter() {
    return counter;
  }
}
