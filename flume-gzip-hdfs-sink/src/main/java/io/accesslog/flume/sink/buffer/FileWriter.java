package io.accesslog.flume.sink.buffer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker-side half of a level-2 flush: create (under the hidden in-progress name) or append,
 * sync and close; then, when asked, rename to the final name. Runs on a worker thread; owns
 * nothing.
 *
 * <p><b>Idempotent appends.</b> Before the bytes go out, the intent (file, length before, bytes,
 * spool sequences covered) is made durable in the {@link WriteJournal}; once they are synced, the
 * new length. A write that fails in between leaves an {@link UnresolvedWrite}: the next write of
 * the file recovers its lease, reads its real length and acts on {@link AppendCheck} - skip what
 * arrived whole, cut back a partial member, write again what did not arrive - so a file never keeps
 * a partial gzip member and never holds a member twice. Each write is padded to end on a checksum
 * chunk of the file system ({@link ChunkPadding}), so a torn append cannot cut into bytes an
 * earlier write made durable.
 */
final class FileWriter {
  /** Bound on sequence numbers skipped in one create: more means something else is wrong. */
  private static final int MAX_SEQUENCE_SKIPS = 10_000;

  private final FileStore store;
  private final FileNames names;
  private final WriteJournal journal;

  FileWriter(FileStore store, FileNames names, WriteJournal journal) {
    this.store = store;
    this.names = names;
    this.journal = journal;
  }

  /**
   * @param lengthBefore the file's durable length (0 when {@code create})
   * @param previous the failed earlier write of this file, or null
   */
  WriteOutcome write(
      FileTarget target,
      int sequence,
      boolean create,
      long lengthBefore,
      List<Member> members,
      boolean finish,
      UnresolvedWrite previous) {
    int seq = previous != null ? previous.sequence : sequence;
    int durable = 0;
    long length = lengthBefore;
    UnresolvedWrite unresolved = previous;
    try {
      boolean doCreate = create;
      if (previous != null) {
        String path = names.inProgressPath(target, seq);
        long actual = store.recoverLength(path);
        switch (AppendCheck.classify(actual, previous.lengthBefore, previous.bytes)) {
          case NOT_WRITTEN:
            doCreate = actual < 0;
            break;
          case WRITTEN:
            journal.written(target, seq, actual, previous.sequenceEnd);
            durable = writtenPrefix(members, previous.lastMemberId);
            length = actual;
            doCreate = false;
            break;
          case PARTIAL:
            if (previous.lengthBefore == 0) {
              store.delete(path);
              doCreate = true;
            } else {
              store.truncate(path, previous.lengthBefore);
              doCreate = false;
            }
            break;
          default:
            throw new IOException(
                path
                    + " is "
                    + actual
                    + " bytes long, but its last write started at "
                    + previous.lengthBefore
                    + " and had "
                    + previous.bytes
                    + " bytes: changed by someone else, or (shorter, a file this sink wrote before it"
                    + " padded its writes) cut back by a DataNode crash in the middle of that write?"
                    + " Left as it is; move it away to let this sink continue");
        }
        unresolved = null;
      }
      if (durable < members.size()) {
        List<Member> toWrite = members.subList(durable, members.size());
        List<byte[]> chunks = new ArrayList<>(toWrite.size());
        long bytes = 0;
        for (Member m : toWrite) {
          chunks.add(m.gzip);
          bytes += m.gzip.length;
        }
        int padding = ChunkPadding.paddingFor(length + bytes, store.chunkBytes());
        if (padding > 0) {
          chunks.add(ChunkPadding.member(padding));
          bytes += padding;
        }
        Member last = toWrite.get(toWrite.size() - 1);
        for (int skips = 0; ; skips++) {
          if (doCreate && previous == null) {
            seq = firstWithoutFinalFile(target, seq, skips);
          }
          unresolved = new UnresolvedWrite(seq, length, bytes, last.endSequence, last.id);
          journal.intent(target, seq, length, bytes, last.endSequence);
          try {
            store.write(names.inProgressPath(target, seq), chunks, doCreate);
            break;
          } catch (FileAlreadyExistsException taken) {
            // an in-progress file this run does not know: leave it to the start-up recovery, take
            // the next number
            unresolved = null;
            if (previous != null || skips >= MAX_SEQUENCE_SKIPS) {
              throw taken;
            }
            seq++;
          }
        }
        unresolved = null;
        length += bytes;
        journal.written(target, seq, length, last.endSequence);
        durable = members.size();
      }
      if (finish) {
        rename(target, seq);
        journal.finished(target, seq);
      }
      return new WriteOutcome(seq, durable, length, finish, null, null);
    } catch (IOException | RuntimeException e) {
      return new WriteOutcome(seq, durable, length, false, e, unresolved);
    }
  }

  /** Members of the failed write (ids up to {@code lastMemberId}) lead the retried list. */
  private static int writtenPrefix(List<Member> members, long lastMemberId) {
    int n = 0;
    while (n < members.size() && members.get(n).id <= lastMemberId) {
      n++;
    }
    if (n == 0 || members.get(n - 1).id != lastMemberId) {
      throw new IllegalStateException(
          "a retried write must start with every member of the failed one");
    }
    return n;
  }

  /**
   * A rename whose reply was lost may have happened: then the final name exists and the source does
   * not.
   */
  private void rename(FileTarget target, int seq) throws IOException {
    String from = names.inProgressPath(target, seq);
    String to = names.finalPath(target, seq);
    try {
      store.rename(from, to);
    } catch (IOException e) {
      if (!(e instanceof FileAlreadyExistsException) && !store.exists(from) && store.exists(to)) {
        return;
      }
      throw e;
    }
  }

  /**
   * From {@code sequence}, the first whose final name is free (an earlier run may own lower ones).
   */
  private int firstWithoutFinalFile(FileTarget target, int sequence, int skipsSoFar)
      throws IOException {
    for (int seq = sequence; seq < sequence + MAX_SEQUENCE_SKIPS - skipsSoFar; seq++) {
      if (!store.exists(names.finalPath(target, seq))) {
        return seq;
      }
    }
    throw new IOException(
        "no free file sequence for "
            + target.directory()
            + "/"
            + target.fileBase()
            + " from "
            + sequence
            + " on: is another sink using the same writer.id?");
  }
}
