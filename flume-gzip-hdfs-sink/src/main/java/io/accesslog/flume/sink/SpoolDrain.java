package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.BufferSettings;
import io.accesslog.flume.sink.buffer.FileStore;
import io.accesslog.flume.sink.buffer.RetryBackoff;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.gzip.CodecChoice;
import io.accesslog.flume.sink.gzip.CompressionCodec;
import io.accesslog.flume.sink.gzip.CompressionSettings;
import io.accesslog.flume.sink.gzip.EncoderPool;
import io.accesslog.flume.sink.hdfs.HadoopFailures;
import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;

/**
 * The operations tool's way into the sink's own recovery: {@link #drain} replays a spool directory
 * (of a stopped or dead writer, copied to any machine) into HDFS exactly as that writer's next
 * start would - {@link FileRecovery} against its ledger (interrupted writes resolved, in-progress
 * files resumed), then {@link SpoolReplay} with the ledger's idempotence (records HDFS holds are
 * skipped) through a {@link WriteEngine} - and finishes every file; {@link #finishHiddenFiles}
 * finishes a writer's in-progress files when its spool is lost. Files keep the writer's id in their
 * names, so nothing collides with a live writer. The caller makes sure that writer is not running
 * (its spool lock, its heartbeat).
 */
public final class SpoolDrain {
  /** What a drain did. */
  public static final class Result {
    public long replayed;
    public long skipped;
    public long filesResumed;
    public long filesRepaired;
    public long orphansFinished;
    public long filesFinished;
    public long corruptBlocks;
    public long lostRecords;
    public long tornTails;
    public long hdfsBytesWritten;

    @Override
    public String toString() {
      return replayed
          + " record(s) written to HDFS, "
          + skipped
          + " already there (skipped), "
          + filesResumed
          + " in-progress file(s) resumed, "
          + filesRepaired
          + " cut back to their last whole member, "
          + orphansFinished
          + " unknown in-progress file(s) finished, "
          + filesFinished
          + " file(s) finished, "
          + hdfsBytesWritten
          + " gzip bytes written; spool damage: "
          + corruptBlocks
          + " corrupt block(s) ("
          + lostRecords
          + " records lost), "
          + tornTails
          + " torn tail(s)";
    }
  }

  private SpoolDrain() {}

  /**
   * @param root the writer's {@code hdfs.root} (for the listing of unknown in-progress files)
   * @param progress receives a progress line at most every 10 s
   */
  public static Result drain(
      FileSystem fs,
      Path spoolDir,
      String root,
      String writerId,
      long stopTimeoutMillis,
      Consumer<String> progress)
      throws IOException {
    if (!Files.isDirectory(spoolDir)) {
      throw new IOException(spoolDir + " is not a directory");
    }
    Result result = new Result();
    ExecutorService compressors = Executors.newFixedThreadPool(2, named("drain-compress"));
    ExecutorService writers = Executors.newFixedThreadPool(8, named("drain-hdfs"));
    CodecChoice codec = CodecChoice.select(CompressionSettings.of(CompressionCodec.AUTO, 1));
    try (EncoderPool encoders = new EncoderPool(codec);
        Spool spool = Spool.open(SpoolSettings.builder(spoolDir).build());
        FileLedger ledger = FileLedger.open(spoolDir)) {
      if (spool.tailTruncatedAtOpen().isPresent()) {
        result.tornTails++;
      }
      FileStore store = new HadoopFileStore(fs, 60_000);
      WriteEngine engine =
          new WriteEngine(
              BufferSettings.defaults(),
              encoders,
              store,
              WriterFileNames.of(writerId),
              ledger,
              new RetryBackoff(1000, 10_000),
              HadoopFailures.CLASSIFIER,
              compressors,
              writers);
      FileRecovery files =
          new FileRecovery(
              "spool drain",
              ledger,
              store,
              WriterFileNames.of(writerId),
              root,
              writerId,
              !ledger.rootChecked());
      long now = System.currentTimeMillis();
      List<FileRecovery.Resumed> resumed = files.run();
      for (FileRecovery.Resumed r : resumed) {
        engine.resume(r.target, r.sequence, r.length, now);
      }
      result.filesResumed = resumed.size();
      result.filesRepaired = files.repairedFiles;
      result.orphansFinished = files.orphansFinished;
      SpoolReplay replay = new SpoolReplay(spoolDir, ledger.entries());
      ProgressLog log = new ProgressLog(null, "spool drain " + spoolDir, "spool records", now);
      long first = spool.firstSequence();
      long total = spool.nextSequence() - first;
      while (true) {
        now = System.currentTimeMillis();
        boolean done = replay.step(engine, now);
        engine.tick(now);
        while (engine.overloaded()) {
          sleep(20);
          engine.tick(System.currentTimeMillis());
          engine.rethrowWorkerFailure();
        }
        String line = log.maybeLine(replay.replayed + replay.skipped, total, now);
        if (line != null) {
          progress.accept(line);
        }
        if (done) {
          break;
        }
      }
      result.replayed = replay.replayed;
      result.skipped = replay.skipped;
      result.corruptBlocks = replay.corruptBlocks;
      result.lostRecords = replay.lostRecords;
      result.tornTails += replay.tornTails;
      engine.finishAll(System.currentTimeMillis());
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopTimeoutMillis);
      long lastFailures = 0;
      while (!engine.isIdle()) {
        engine.tick(System.currentTimeMillis());
        engine.rethrowWorkerFailure();
        long failures = engine.stats().hdfsWriteFailures();
        if (failures > lastFailures) {
          progress.accept("HDFS write failed, retrying: " + engine.stats().lastWriteError());
          lastFailures = failures;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "drain of "
                  + spoolDir
                  + " not finished after "
                  + stopTimeoutMillis
                  + " ms: "
                  + engine.openTargets()
                  + " file(s) still open (last write error: "
                  + engine.stats().lastWriteError()
                  + "); the spool keeps every line not yet in HDFS: run the drain again");
        }
        sleep(20);
      }
      result.filesFinished = engine.stats().filesFinished();
      result.hdfsBytesWritten = engine.stats().hdfsBytesWritten();
      spool.retireBefore(engine.oldestUndurableSequence());
      ledger.markRootChecked();
      return result;
    } finally {
      compressors.shutdownNow();
      writers.shutdownNow();
    }
  }

  /**
   * Finishes (lease recovery, rename to the final name) every in-progress file of {@code writerId}
   * under {@code root}: for a writer whose spool is lost, so nobody will resume them. Returns how
   * many.
   */
  public static long finishHiddenFiles(FileSystem fs, String root, String writerId, Path scratch)
      throws IOException {
    try (FileLedger empty = FileLedger.open(scratch)) {
      FileStore store = new HadoopFileStore(fs, 60_000);
      FileRecovery files =
          new FileRecovery(
              "writers retire", empty, store, WriterFileNames.of(writerId), root, writerId, true);
      files.run();
      return files.orphansFinished;
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("drain interrupted");
    }
  }
}
