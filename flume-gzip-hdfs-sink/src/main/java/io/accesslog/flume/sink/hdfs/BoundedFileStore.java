package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.sink.buffer.FileStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A {@link FileStore} whose every call is bounded in time and made as the sink's HDFS user ({@link
 * TimedCalls}): the claim, the start-up recovery, writes, renames, lease recovery and truncate
 * alike. A call that times out throws {@link CallTimeoutException}, which the write path treats as
 * any failed write: the intent is in the ledger, so the next attempt recovers the file's lease and
 * length and writes only what is missing.
 *
 * <p>Lease recovery and truncate wait for a block recovery by design ({@code
 * hdfs.recoveryTimeout}), so they get that on top of {@code hdfs.callTimeout}; a listing is bounded
 * by the time between two files found.
 */
public final class BoundedFileStore implements FileStore {
  private final FileStore store;
  private final TimedCalls calls;
  private final long recoveryTimeoutMillis;

  public BoundedFileStore(FileStore store, TimedCalls calls, long recoveryTimeoutMillis) {
    this.store = store;
    this.calls = calls;
    this.recoveryTimeoutMillis = recoveryTimeoutMillis;
  }

  @Override
  public void write(String path, List<byte[]> chunks, boolean create) throws IOException {
    calls.call(
        create ? "create" : "append",
        0,
        () -> {
          store.write(path, chunks, create);
          return null;
        },
        path);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    calls.call(
        "rename",
        0,
        () -> {
          store.rename(from, to);
          return null;
        },
        from,
        to);
  }

  @Override
  public boolean exists(String path) throws IOException {
    return calls.call("exists", 0, () -> store.exists(path), path);
  }

  @Override
  public int chunkBytes() {
    return store.chunkBytes();
  }

  @Override
  public long recoverLength(String path) throws IOException {
    return calls.call(
        "lease recovery", recoveryTimeoutMillis, () -> store.recoverLength(path), path);
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    calls.call(
        "truncate",
        recoveryTimeoutMillis,
        () -> {
          store.truncate(path, length);
          return null;
        },
        path);
  }

  @Override
  public void delete(String path) throws IOException {
    calls.call(
        "delete",
        0,
        () -> {
          store.delete(path);
          return null;
        },
        path);
  }

  @Override
  public String claim(String path, String content) throws IOException {
    return calls.call("claim", 0, () -> store.claim(path, content), path);
  }

  @Override
  public List<String> find(String root, Predicate<String> name) throws IOException {
    AtomicLong progress = new AtomicLong();
    return calls.callWithProgress(
        "listing",
        progress,
        () ->
            store.find(
                root,
                n -> {
                  progress.incrementAndGet();
                  return name.test(n);
                }),
        root);
  }
}
