package io.accesslog.flume.sink;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.sink.auth.HdfsLogin;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.route.Target;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.EventDeliveryException;
import org.apache.flume.Transaction;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.Configurable;
import org.apache.flume.sink.AbstractSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flume sink that stores events as hour-bucketed, multi-member gzip files in HDFS. {@code type =
 * io.accesslog.flume.sink.GzipHdfsSink}.
 *
 * <p>{@link #process()} (the runner thread): take a batch, route every event to its target file,
 * append the batch to the local spool and fsync it, commit the channel transaction, then hand the
 * lines to the {@link WriteEngine}, which compresses and writes on the worker threads. The spool
 * fsync is the commit point: once the channel forgets a batch, the spool has it until HDFS does.
 * See {@link WriteEngine} for buffering, rolling and the memory budget.
 *
 * <h2>Failure handling</h2>
 *
 * <p><b>Recovery at start.</b> Before the first event is taken, {@code process()} claims the writer
 * id and runs {@link FileRecovery} (resolve interrupted writes against the real file lengths,
 * resume this writer's in-progress files, finish unknown ones) and then {@link SpoolReplay} (spool
 * records not yet durable in HDFS go back into the engine, in chunks that respect the memory
 * budget), one step per call ({@link SinkStartup}). Both are retried with backoff while HDFS is
 * unreachable; spool segments are not retired until the replay is complete ({@link
 * SpoolRetirement}). The per-file state lives in the {@link
 * io.accesslog.flume.sink.ledger.FileLedger} next to the spool: every HDFS write records its intent
 * before and its new length after, so a replayed line is never written twice and a partial gzip
 * member never stays in a file.
 *
 * <p><b>HDFS outage.</b> Failed writes are retried per file with exponential backoff ({@code
 * retry.*}); fatal failures (permission, quota, invalid path) are counted, logged as such and
 * retried at the longest backoff. Meanwhile batches keep going to the spool until {@code
 * spool.maxBytes}, then {@code process()} returns BACKOFF and the channel fills.
 *
 * <p><b>Disk trouble.</b> A spool commit that fails (not writable, full, fsync error) rolls the
 * channel transaction back; one error names the directory and the cause, and the sink resumes by
 * itself once a commit succeeds again ({@link SpoolCommit}).
 *
 * <p>This class is the Flume adapter: it parses the settings, opens and closes the parts ({@link
 * SinkParts}), and in {@code process()} takes, routes and commits a batch; the parts do the rest.
 */
public final class GzipHdfsSink extends AbstractSink implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);

  private final Clock clock;
  private SinkSettings settings;
  private GzipSinkCounter counter;
  private HdfsLogin login;

  private SinkParts parts;
  private WriteEngine engine;
  private SinkStartup startup;
  private HourDuty hours;
  private SpoolCommit commit;
  private SpoolRetirement retirement;
  private WriteFailureLog failureLog;
  private Target[] routed = new Target[0];
  private byte[][] bodies = new byte[0][];

  public GzipHdfsSink() {
    this(Clock.SYSTEM);
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
    login = new HdfsLogin(getName(), settings.auth, settings.backoff);
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
      parts = SinkParts.open(getName(), settings, login, counter, clock);
    } catch (Exception e) {
      login.close();
      throw new IllegalStateException(
          getName()
              + ": could not start: "
              + e.getMessage()
              + (settings.durable() ? " (spool " + settings.spool.dir() + ")" : ""),
          e);
    }
    engine = parts.engine;
    hours = new HourDuty(getName(), settings, parts.hours, engine, clock);
    retirement =
        settings.durable()
            ? new SpoolRetirement(
                getName(), parts.spool, parts.ledger, engine, settings.spool.dir(), counter)
            : null;
    commit =
        new SpoolCommit(
            getName(), parts.spool, settings.durable() ? settings.spool.dir() : null, counter);
    startup = new SinkStartup(getName(), settings, parts, hours, retirement, counter);
    failureLog = new WriteFailureLog(getName(), settings.backoff.maxMillis());
    if (!settings.durable()) {
      LOG.warn(
          "{}: sink.durability = none: lines buffered in memory are lost if this agent dies",
          getName());
    }
    counter.setRecovering(startup.recovering());
    counter.start();
    super.start();
    LOG.info(
        "{}: started; writer id {}, compression {}",
        getName(),
        settings.route.writerId(),
        parts.encoders.backend());
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
    failureLog.reportNew(engine.stats());
    if (!startup.claimed()) {
      return startup.claim(now);
    }
    hours.maybeUpdate(now, startup.recovering());
    if (startup.recovering()) {
      return startup.recover(now);
    }
    if (retirement != null) {
      retirement.maybeRetire(now);
    }
    if (engine.overloaded() || (parts.spool != null && parts.spool.isFull())) {
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
      long first = commit.commit(routed, bodies, n, now);
      if (first == SpoolCommit.REFUSED) {
        tx.rollback();
        return Status.BACKOFF;
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
      throw new EventDeliveryException(
          getName() + ": batch not stored, rolled back: " + t.getMessage(), t);
    } finally {
      tx.close();
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
      Target target = parts.router.route(event.getHeaders(), now);
      if (target.usedFallback()) {
        fallbacks++;
      }
      if (!target.rewrittenHeaders().isEmpty()) {
        counter.countRewritten(target.rewrittenHeaders());
      }
      routed[n] = hours.lateTarget(target, now);
      bodies[n] = event.getBody();
      n++;
    }
    if (fallbacks > 0) {
      counter.addFallbackEvents(fallbacks);
    }
    return n;
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
        LOG.warn(
            "{}: stop.timeout ({} ms) passed with {} targets not yet in HDFS (last write error: {}); {}",
            getName(),
            settings.stopTimeoutMillis,
            engine.openTargets(),
            engine.stats().lastWriteError(),
            settings.durable()
                ? "their lines stay in the spool " + settings.spool.dir() + " for the next start"
                : "their lines are LOST (sink.durability = none)");
      } else if (retirement != null && !startup.recovering()) {
        retirement.maybeRetire(Long.MAX_VALUE);
      }
    }
    if (hours != null) {
      hours.stop(startup.recovering());
    }
    if (parts != null) {
      parts.close();
    }
    parts = null;
    engine = null;
    hours = null;
    if (login != null) {
      login.close();
    }
    counter.stop();
    super.stop();
    LOG.info("{}: stopped", getName());
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
