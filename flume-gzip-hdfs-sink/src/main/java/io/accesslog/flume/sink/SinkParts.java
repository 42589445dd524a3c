package io.accesslog.flume.sink;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.sink.auth.HdfsLogin;
import io.accesslog.flume.sink.buffer.FileStore;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.buffer.WriteJournal;
import io.accesslog.flume.sink.gzip.CodecChoice;
import io.accesslog.flume.sink.gzip.EncoderPool;
import io.accesslog.flume.sink.hdfs.BoundedFileStore;
import io.accesslog.flume.sink.hdfs.HadoopFailures;
import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import io.accesslog.flume.sink.hdfs.TimedCalls;
import io.accesslog.flume.sink.hour.HadoopHourStore;
import io.accesslog.flume.sink.hour.HourKeeper;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.route.TargetRouter;
import io.accesslog.flume.sink.spool.Spool;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a started sink holds: the HDFS client, the thread pools, the bounded store, the spool
 * and its ledger, the write engine, the router, the writer-id claim and the hour keeper. {@link
 * #open} builds them in order and wires them to the counter; {@link #close} releases every one
 * (null-safe, so also after a failed open), going on past failures.
 */
final class SinkParts {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);

  private final String sinkName;
  private final SinkSettings settings;
  FileSystem fs;
  ExecutorService compressors;
  ExecutorService writers;
  TimedCalls calls;
  FileStore store;
  EncoderPool encoders;
  Spool spool;
  FileLedger ledger;
  WriteEngine engine;
  TargetRouter router;
  WriterClaim claim;
  HourKeeper hours;

  private SinkParts(String sinkName, SinkSettings settings) {
    this.sinkName = sinkName;
    this.settings = settings;
  }

  /**
   * Opens every part as {@code login}'s user; on failure closes what was opened and rethrows.
   *
   * @param clock for the hour keeper's heartbeats during long rounds
   */
  static SinkParts open(
      String sinkName, SinkSettings settings, HdfsLogin login, GzipSinkCounter counter, Clock clock)
      throws Exception {
    SinkParts parts = new SinkParts(sinkName, settings);
    try {
      parts.openAll(login, counter, clock);
      return parts;
    } catch (Exception | Error e) {
      parts.close();
      throw e;
    }
  }

  private void openAll(HdfsLogin login, GzipSinkCounter counter, Clock clock) throws Exception {
    Path root = new Path(settings.route.root());
    Configuration conf = new Configuration();
    // Hadoop closes cached clients in its own JVM shutdown hook, which races Flume's: our stop()
    // still needs the client to write what is buffered, and closes it itself.
    conf.setBoolean("fs.automatic.close", false);
    // The client takes its user from the thread that creates it: the login (or proxy) user.
    fs = login.user().call(() -> FileSystem.newInstance(root.toUri(), conf));
    CodecChoice codec = CodecChoice.select(settings.compression);
    encoders = new EncoderPool(codec);
    compressors = SinkThreads.pool(sinkName + "-compress", settings.workers);
    writers = SinkThreads.pool(sinkName + "-hdfs", settings.hdfsWriters);
    calls =
        new TimedCalls(
            sinkName + "-hdfs-call",
            settings.callTimeoutMillis,
            2 * (settings.hdfsWriters + 1),
            login.user());
    store =
        new BoundedFileStore(
            new HadoopFileStore(fs, settings.recoveryTimeoutMillis),
            calls,
            settings.recoveryTimeoutMillis);
    counter.attachCalls(calls);
    WriteJournal journal = WriteJournal.NONE;
    if (settings.durable()) {
      spool = Spool.open(settings.spool);
      spool
          .tailTruncatedAtOpen()
          .ifPresent(
              torn -> {
                LOG.warn(
                    "{}: spool {}: cut a torn tail at open (a batch whose commit never returned, so never "
                        + "acknowledged): {}",
                    sinkName,
                    settings.spool.dir(),
                    torn);
                counter.addSpoolDamage(1);
              });
      ledger = FileLedger.open(settings.spool.dir());
      if (ledger.damagedLines() > 0) {
        LOG.warn(
            "{}: ledger {} had {} torn or damaged line(s); skipped",
            sinkName,
            settings.spool.dir(),
            ledger.damagedLines());
      }
      journal = ledger;
    }
    engine =
        new WriteEngine(
            settings.buffers,
            encoders,
            store,
            WriterFileNames.of(settings.route.writerId()),
            journal,
            settings.backoff,
            HadoopFailures.CLASSIFIER,
            compressors,
            writers);
    router = new TargetRouter(settings.route);
    String identity =
        WriterClaim.identity(
            InetAddress.getLocalHost().getHostName(),
            settings.durable()
                ? settings.spool.dir().toAbsolutePath().normalize().toString()
                : null,
            sinkName);
    claim = new WriterClaim(settings.route.root(), settings.route.writerId(), identity);
    hours =
        new HourKeeper(
            sinkName,
            settings.hours,
            new HadoopHourStore(fs),
            settings.route.root(),
            settings.route.path(),
            settings.route.timeZone(),
            settings.buffers.closeMinute(),
            settings.route.writerId(),
            identity);
    hours.clock(clock);
    final HourKeeper keeper = hours;
    engine.onFinished((t, sequence) -> keeper.fileFinished(t.directory(), t.hourStartMillis()));
    counter.attach(engine.stats(), codec.backend());
    counter.attachHours(hours);
  }

  /** Releases every part; each failure is logged and the rest still released. */
  void close() {
    compressors = SinkThreads.shutdown(sinkName, compressors);
    writers = SinkThreads.shutdown(sinkName, writers);
    if (calls != null) {
      calls.close();
      calls = null;
    }
    if (encoders != null) {
      encoders.close();
      encoders = null;
    }
    closeQuietly(spool, "spool " + (settings.durable() ? settings.spool.dir() : null));
    spool = null;
    closeQuietly(ledger, "the ledger in " + (settings.durable() ? settings.spool.dir() : null));
    ledger = null;
    closeQuietly(fs, "the HDFS client");
    fs = null;
  }

  private void closeQuietly(Closeable part, String what) {
    if (part == null) {
      return;
    }
    try {
      part.close();
    } catch (IOException e) {
      LOG.warn("{}: closing {}: {}", sinkName, what, e.toString());
    }
  }
}
