package io.accesslog.flume.sink;

import io.accesslog.flume.core.HdfsPaths;
import io.accesslog.flume.sink.buffer.AppendCheck;
import io.accesslog.flume.sink.buffer.FileNames;
import io.accesslog.flume.sink.buffer.FileStore;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import io.accesslog.flume.sink.route.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery of this writer's HDFS files, before any spool record is replayed:
 *
 * <ol>
 *   <li>every write the ledger records as started but not done is resolved against the file's real
 *       length, after lease recovery ({@link FileStore#recoverLength}): arrived whole - recorded as
 *       written; not arrived - recorded as not written; arrived in part - the file is cut back to
 *       its length before the write ({@code truncate}), so no partial gzip member stays;
 *   <li>every file the ledger has in progress is checked and resumed (the engine appends to it);
 *       one renamed just before the crash is recorded as finished;
 *   <li>in-progress files of this writer id that the ledger does not know (a lost or damaged
 *       ledger) are found by listing {@code hdfs.root}, their lease recovered and they are finished
 *       (renamed to the final name); only when {@code listRoot} ({@link OrphanScan}). Files of
 *       other writers are never touched.
 * </ol>
 *
 * Idempotent: a failure part-way (HDFS down) leaves the ledger consistent, and the sink runs it
 * again.
 */
final class FileRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(FileRecovery.class);

  /** A file to continue: target, sequence, durable length. */
  static final class Resumed {
    final Target target;
    final int sequence;
    final long length;

    Resumed(Target target, int sequence, long length) {
      this.target = target;
      this.sequence = sequence;
      this.length = length;
    }
  }

  private final String sinkName;
  private final FileLedger ledger;
  private final FileStore store;
  private final FileNames names;
  private final String root;
  private final Pattern ownInProgress;
  private final boolean listRoot;
  long repairedFiles;
  long orphansFinished;

  FileRecovery(
      String sinkName,
      FileLedger ledger,
      FileStore store,
      FileNames names,
      String root,
      String writerId,
      boolean listRoot) {
    this.sinkName = sinkName;
    this.listRoot = listRoot;
    this.ledger = ledger;
    this.store = store;
    this.names = names;
    this.root = root;
    this.ownInProgress = ownInProgressName(writerId);
  }

  /** Hidden in-progress names of this writer: {@code _<base>.w-<writer id>.<sequence>.gz}. */
  static Pattern ownInProgressName(String writerId) {
    return Pattern.compile("_.+\\.w-" + Pattern.quote(writerId) + "\\.\\d{4,}\\.gz");
  }

  List<Resumed> run() throws IOException {
    for (LedgerEntry e : ledger.entries().values()) {
      if (e.pending() != null) {
        resolve(e);
      }
    }
    List<Resumed> resumed = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (LedgerEntry e : ledger.entries().values()) {
      if (e.open()) {
        Target t = Target.restored(e.directory(), e.fileBase(), e.hourStartMillis());
        String path = names.inProgressPath(t, e.fileSequence());
        known.add(HdfsPaths.pathOnly(path));
        Resumed r = check(e, t, path);
        if (r != null) {
          resumed.add(r);
        }
      }
    }
    if (listRoot) {
      ProgressLog progress =
          new ProgressLog(
              LOG,
              sinkName + ": listing " + root + " for in-progress files of this " + "writer",
              "files listed",
              System.currentTimeMillis());
      long[] listed = {0};
      for (String path :
          store.find(
              root,
              name -> {
                listed[0]++;
                if ((listed[0] & 1023) == 0) {
                  progress.maybeLog(listed[0], -1, System.currentTimeMillis());
                }
                return ownInProgress.matcher(name).matches();
              })) {
        if (!known.contains(HdfsPaths.pathOnly(path))) {
          finishOrphan(path);
        }
      }
    }
    return resumed;
  }

  private void resolve(LedgerEntry e) throws IOException {
    Target t = Target.restored(e.directory(), e.fileBase(), e.hourStartMillis());
    String path = names.inProgressPath(t, e.fileSequence());
    LedgerEntry.Intent p = e.pending();
    long actual = store.recoverLength(path);
    switch (AppendCheck.classify(actual, p.lengthBefore(), p.bytes())) {
      case WRITTEN:
        ledger.written(t, e.fileSequence(), actual, p.sequenceEnd());
        break;
      case NOT_WRITTEN:
        ledger.resolvedNotWritten(e);
        if (actual == 0 && !e.open()) {
          ledger.written(t, e.fileSequence(), 0, e.sequenceEnd()); // created, nothing written yet
        }
        break;
      case PARTIAL:
        LOG.warn(
            "{}: {} ends in a partial write ({} bytes of {} after offset {}); cutting it back to {} bytes, "
                + "the lines are written again from the spool",
            sinkName,
            path,
            actual - p.lengthBefore(),
            p.bytes(),
            p.lengthBefore(),
            p.lengthBefore());
        if (p.lengthBefore() == 0) {
          store.delete(path);
        } else {
          store.truncate(path, p.lengthBefore());
        }
        ledger.resolvedNotWritten(e);
        repairedFiles++;
        break;
      default:
        throw new IOException(
            path
                + " is "
                + actual
                + " bytes long, but its interrupted write started at "
                + p.lengthBefore()
                + " with "
                + p.bytes()
                + " bytes: changed by someone else, or writer.id shared? "
                + "Move the file away (and its lines will be written again from the spool) to continue");
    }
  }

  private Resumed check(LedgerEntry e, Target t, String path) throws IOException {
    long actual = store.recoverLength(path);
    if (actual < 0) {
      if (!store.exists(names.finalPath(t, e.fileSequence()))) {
        LOG.error(
            "{}: in-progress file {} ({} bytes) is gone from HDFS and has no final name either: someone "
                + "deleted it; its lines are not written again",
            sinkName,
            path,
            e.length());
      }
      ledger.forgetFile(e);
      return null;
    }
    if (actual != e.length()) {
      throw new IOException(
          path
              + " is "
              + actual
              + " bytes long, but this sink wrote "
              + e.length()
              + " bytes to it: changed by someone else, or writer.id shared? Move the file away to continue");
    }
    return new Resumed(t, e.fileSequence(), actual);
  }

  private void finishOrphan(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    String to = path.substring(0, slash + 1) + path.substring(slash + 2);
    store.recoverLength(path);
    if (store.exists(to)) {
      LOG.error(
          "{}: cannot finish in-progress file {}: {} exists; left as it is", sinkName, path, to);
      return;
    }
    store.rename(path, to);
    orphansFinished++;
    LOG.warn(
        "{}: finished in-progress file {} left by an earlier run of this writer and unknown to its ledger",
        sinkName,
        path);
  }
}
