package io.accesslog.flume.sink.spool;

import io.accesslog.flume.sink.config.SinkKeys;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive lock on a spool directory ({@code spool.lock}), so that two sinks (or a writer and a
 * repairing reader) never write the same segments. The OS drops the lock when the process dies, so
 * a crash leaves nothing to clean up.
 */
final class DirectoryLock implements Closeable {
  static final String FILE_NAME = "spool.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DirectoryLock acquire(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new IOException(
          "spool directory "
              + dir
              + " is already open in this JVM; give each "
              + "sink its own "
              + SinkKeys.SPOOL_DIR.name(),
          e);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          "spool directory "
              + dir
              + " is locked by another process ("
              + file
              + "); give each agent and sink its own "
              + SinkKeys.SPOOL_DIR.name());
    }
    return new DirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
