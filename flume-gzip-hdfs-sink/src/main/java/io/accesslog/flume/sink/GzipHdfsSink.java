package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.FileNames;
import io.accesslog.flume.sink.buffer.FileTarget;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.gzip.CodecChoice;
import io.accesslog.flume.sink.gzip.EncoderPool;
import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import io.accesslog.flume.sink.route.FileNamer;
import io.accesslog.flume.sink.route.Target;
import io.accesslog.flume.sink.route.TargetRouter;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolBatch;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
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
 */
public final class GzipHdfsSink extends AbstractSink implements Configurable, BatchSizeSupported {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);
  private static final long SPOOL_RETIRE_INTERVAL_MILLIS = 1000;

  private final Clock clock;
  private SinkSettings settings;
  private GzipSinkCounter counter;

  private FileSystem fs;
  private ExecutorService compressors;
  private ExecutorService writers;
  private EncoderPool encoders;
  private TargetRouter router;
  private Spool spool;
  private WriteEngine engine;
  private long noSpoolSequence;
  private long nextRetireMillis;
  private long loggedWriteFailures;
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
    LOG.info("{}: configured: {}", getName(), settings);
  }

  @Override
  public long getBatchSize() {
    return settings.batchSize;
  }

  @Override
  public synchronized void start() {
    try {
      Path root = new Path(settings.route.root());
      Configuration conf = new Configuration();
      // Hadoop closes cached clients in its own JVM shutdown hook, which races Flume's: our stop()
      // still needs the client to write what is buffered, and closes it itself.
      conf.setBoolean("fs.automatic.close", false);
      fs = FileSystem.newInstance(root.toUri(), conf);
      CodecChoice codec = CodecChoice.select(settings.compression);
      encoders = new EncoderPool(codec);
      compressors = newPool(getName() + "-compress", settings.workers);
      writers = newPool(getName() + "-hdfs", settings.hdfsWriters);
      engine = new WriteEngine(settings.buffers, encoders, new HadoopFileStore(fs), fileNames(settings.route.writerId()),
          compressors, writers);
      router = new TargetRouter(settings.route);
      if (settings.durable()) {
        spool = Spool.open(settings.spool);
      } else {
        LOG.warn("{}: sink.durability = none: lines buffered in memory are lost if this agent dies", getName());
      }
      counter.attach(engine.stats(), codec.backend());
    } catch (IOException e) {
      releaseAll();
      throw new IllegalStateException(getName() + ": could not start: " + e.getMessage()
          + (settings.durable() ? " (spool " + settings.spool.dir() + ")" : ""), e);
    }
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
        batch.commit();
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
      routed[n] = target;
      bodies[n] = event.getBody();
      n++;
    }
    if (fallbacks > 0) {
      counter.addFallbackEvents(fallbacks);
    }
    return n;
  }

  private void logNewWriteFailures() {
    long failures = engine.stats().hdfsWriteFailures();
    if (failures > loggedWriteFailures) {
      LOG.warn("{}: {} HDFS write(s) failed since the last report, retrying with backoff; latest: {}", getName(),
          failures - loggedWriteFailures, engine.stats().lastWriteError());
      loggedWriteFailures = failures;
    }
  }

  private void retireSpool(long now) {
    if (spool == null || now < nextRetireMillis) {
      return;
    }
    nextRetireMillis = now + SPOOL_RETIRE_INTERVAL_MILLIS;
    try {
      spool.retireBefore(engine.oldestUndurableSequence());
    } catch (IOException e) {
      LOG.warn("{}: could not delete retired spool segments in {}: {}", getName(), settings.spool.dir(), e.toString());
    }
    counter.setSpoolBytes(spool.sizeBytes());
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
      } else {
        retireSpool(Long.MAX_VALUE);
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
    if (fs != null) {
      try {
        fs.close();
      } catch (IOException e) {
        LOG.warn("{}: closing the HDFS client: {}", getName(), e.toString());
      }
      fs = null;
    }
  }

  private static FileNames fileNames(String writerId) {
    final FileNamer namer = new FileNamer(writerId);
    return new FileNames() {
      @Override
      public String inProgressPath(FileTarget target, int sequence) {
        return target.directory() + "/_" + namer.finalName(target.fileBase(), sequence);
      }

      @Override
      public String finalPath(FileTarget target, int sequence) {
        return target.directory() + "/" + namer.finalName(target.fileBase(), sequence);
      }
    };
  }

  private ExecutorService shutdown(ExecutorService pool) {
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
