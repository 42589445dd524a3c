package io.accesslog.flume.sink.buffer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker-side half of a level-2 flush: create (under the hidden in-progress name) or append,
 * sync and close; then, when asked, rename to the final name. Runs on a worker thread; owns nothing.
 */
final class FileWriter {
  /** Bound on sequence numbers skipped in one create: more means something else is wrong. */
  private static final int MAX_SEQUENCE_SKIPS = 10_000;

  private final FileStore store;
  private final FileNames names;

  FileWriter(FileStore store, FileNames names) {
    this.store = store;
    this.names = names;
  }

  WriteOutcome write(FileTarget target, int sequence, boolean create, List<Member> members, boolean finish) {
    int seq = sequence;
    boolean written = false;
    try {
      if (!members.isEmpty()) {
        List<byte[]> chunks = new ArrayList<>(members.size());
        for (Member m : members) {
          chunks.add(m.gzip);
        }
        if (create) {
          seq = createFirstFree(target, seq, chunks);
        } else {
          store.write(names.inProgressPath(target, seq), chunks, false);
        }
        written = true;
      }
      if (finish) {
        store.rename(names.inProgressPath(target, seq), names.finalPath(target, seq));
      }
      return new WriteOutcome(seq, written, finish, null);
    } catch (IOException | RuntimeException e) {
      return new WriteOutcome(seq, written, false, e);
    }
  }

  /** Creates the first sequence whose final and in-progress names are both free (an earlier run may own lower ones). */
  private int createFirstFree(FileTarget target, int sequence, List<byte[]> chunks) throws IOException {
    for (int seq = sequence; seq < sequence + MAX_SEQUENCE_SKIPS; seq++) {
      if (store.exists(names.finalPath(target, seq))) {
        continue;
      }
      try {
        store.write(names.inProgressPath(target, seq), chunks, true);
        return seq;
      } catch (FileAlreadyExistsException taken) {
        // an in-progress file of an earlier run of this writer: leave it to recovery, take the next number
      }
    }
    throw new IOException("no free file sequence for " + target.directory() + "/" + target.fileBase() + " between "
        + sequence + " and " + (sequence + MAX_SEQUENCE_SKIPS) + ": is another sink using the same writer.id?");
  }
}
