package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.sink.buffer.FileStore;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link FileStore} on a Hadoop {@link FileSystem}. Each write is open (create or append), write,
 * {@code hsync}, close: the DataNodes have the bytes on disk before the spool may forget them (a plain
 * close does not fsync), and no stream or lease outlives the write. A create is 4 NameNode RPCs
 * (create, addBlock, fsync, complete), an append about as many, a rename 1. Thread-safe: the
 * FileSystem client is.
 */
public final class HadoopFileStore implements FileStore {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileSystem fs;

  public HadoopFileStore(FileSystem fs) {
    this.fs = fs;
  }

  @Override
  public void write(String path, List<byte[]> chunks, boolean create) throws IOException {
    Path p = new Path(path);
    FSDataOutputStream out;
    try {
      out = create ? fs.create(p, false, BUFFER_BYTES) : fs.append(p, BUFFER_BYTES);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      FileAlreadyExistsException exists = new FileAlreadyExistsException(path);
      exists.initCause(e);
      throw exists;
    }
    IOException failure = null;
    try {
      for (byte[] chunk : chunks) {
        out.write(chunk);
      }
      out.hsync();
    } catch (IOException e) {
      failure = e;
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Path target = new Path(to);
    if (!fs.rename(new Path(from), target)) {
      if (fs.exists(target)) {
        throw new FileAlreadyExistsException(to, from, "rename target exists");
      }
      throw new IOException("rename " + from + " -> " + to + " failed (source missing or parent not a directory)");
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(new Path(path));
  }
}
