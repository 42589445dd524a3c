package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.sink.buffer.ChunkPadding;
import io.accesslog.flume.sink.buffer.FileStore;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsCreateModes;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.ipc.RemoteException;

/**
 * {@link FileStore} on a Hadoop {@link FileSystem}. Each write is open (create or append), write,
 * close, with the DataNodes holding the bytes on disk before the write returns (a plain close does
 * not fsync), so the spool may forget them; no stream or lease outlives the write. Thread-safe: the
 * FileSystem client is.
 *
 * <p>On HDFS the stream is opened with {@link CreateFlag#SYNC_BLOCK}: the close then marks its last
 * packet "sync block" and every DataNode of the pipeline fsyncs the replica before it acknowledges,
 * which is what {@code hsync} before close gave, without the hsync's extra pipeline round trip and
 * its {@code fsync} NameNode RPC (the first sync after a block allocation always sends one). A
 * create is then 3 NameNode RPCs (create, addBlock, complete), an append to the last block 4
 * (append, updateBlockForPipeline, updatePipeline, complete), a rename 1; complete is repeated
 * while the NameNode has not heard from the DataNode yet. Other file systems (the local one in
 * tests, viewfs, webhdfs) keep {@code hsync} before close.
 *
 * <p>Lease recovery and truncate wait (polling {@code isFileClosed}, bounded by {@code
 * hdfs.recoveryTimeout}) on the calling worker thread: both finish with a block recovery on the
 * DataNodes, and the file cannot be appended to before it is over.
 */
public final class HadoopFileStore implements FileStore {
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final long POLL_MILLIS = 200;
  private static final String BYTES_PER_CHECKSUM = "dfs.bytes-per-checksum";
  private static final int DEFAULT_BYTES_PER_CHECKSUM = 512;

  private final FileSystem fs;
  private final long recoveryTimeoutMillis;
  private final int chunkBytes;

  public HadoopFileStore(FileSystem fs, long recoveryTimeoutMillis) {
    this.fs = fs;
    this.recoveryTimeoutMillis = recoveryTimeoutMillis;
    this.chunkBytes = chunkBytes(fs);
  }

  /**
   * The checksum chunk of the files this client creates on HDFS ({@code dfs.bytes-per-checksum}),
   * also through {@code viewfs://} or {@code webhdfs://}, whose appends land on DataNodes the same
   * way; 1 (no padding) on the local file system, where tests write.
   */
  static int chunkBytes(FileSystem fs) {
    if ("file".equals(fs.getUri().getScheme())) {
      return 1;
    }
    int bytes = fs.getConf().getInt(BYTES_PER_CHECKSUM, DEFAULT_BYTES_PER_CHECKSUM);
    if (bytes < 1 || bytes > ChunkPadding.MAX_ALIGNMENT) {
      throw new IllegalArgumentException(
          BYTES_PER_CHECKSUM
              + " is "
              + bytes
              + "; this sink pads its writes to it and supports 1 to "
              + ChunkPadding.MAX_ALIGNMENT);
    }
    return bytes;
  }

  @Override
  public int chunkBytes() {
    return chunkBytes;
  }

  @Override
  public void write(String path, List<byte[]> chunks, boolean create) throws IOException {
    Path p = new Path(path);
    boolean syncBlock = fs instanceof DistributedFileSystem;
    FSDataOutputStream out;
    try {
      out =
          syncBlock
              ? openSyncBlock((DistributedFileSystem) fs, p, create)
              : create ? fs.create(p, false, BUFFER_BYTES) : fs.append(p, BUFFER_BYTES);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      FileAlreadyExistsException exists = new FileAlreadyExistsException(path);
      exists.initCause(e);
      throw exists;
    }
    // A failure in close is suppressed into a write or hsync failure, else thrown itself.
    try (FSDataOutputStream stream = out) {
      for (byte[] chunk : chunks) {
        stream.write(chunk);
      }
      if (!syncBlock) {
        stream.hsync();
      }
    }
  }

  /**
   * Create (parents too, never overwriting) or append, with the close syncing the block on every
   * DataNode.
   */
  private static FSDataOutputStream openSyncBlock(DistributedFileSystem dfs, Path p, boolean create)
      throws IOException {
    if (create) {
      FsPermission permission =
          FsCreateModes.applyUMask(
              FsPermission.getFileDefault(), FsPermission.getUMask(dfs.getConf()));
      return dfs.create(
          p,
          permission,
          EnumSet.of(CreateFlag.CREATE, CreateFlag.SYNC_BLOCK),
          BUFFER_BYTES,
          dfs.getDefaultReplication(p),
          dfs.getDefaultBlockSize(p),
          null);
    }
    return dfs.append(p, EnumSet.of(CreateFlag.APPEND, CreateFlag.SYNC_BLOCK), BUFFER_BYTES, null);
  }

  @Override
  public String claim(String path, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    try {
      write(path, Collections.singletonList(bytes), true);
      return content;
    } catch (FileAlreadyExistsException exists) {
      return readClaim(path);
    } catch (IOException e) {
      if (!isRemote(e, "org.apache.hadoop.hdfs.protocol.AlreadyBeingCreatedException")) {
        throw e;
      }
      // A create of it is still open: an earlier claim of ours that timed out (its stream holds
      // the lease in this very client), or a writer that died claiming.
      return readClaim(path);
    }
  }

  /**
   * What a claim file holds, once no one writes it any more. An empty one is a claim cut short
   * before its bytes arrived (a create whose write timed out, a crash): it is removed and the claim
   * fails, to be retried.
   */
  private String readClaim(String path) throws IOException {
    long length = recoverLength(path);
    if (length == 0) {
      fs.delete(new Path(path), false);
      throw new IOException(
          "claim file "
              + path
              + " was empty (a claim cut short by a timeout or "
              + "a crash); removed, the claim is retried");
    }
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    try (InputStream in = fs.open(new Path(path))) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0 && held.size() < 65536) {
        held.write(buffer, 0, n);
      }
    }
    return new String(held.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Whether {@code e} is the NameNode's {@code className} sent back. */
  private static boolean isRemote(IOException e, String className) {
    return e instanceof RemoteException && className.equals(((RemoteException) e).getClassName());
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Path target = new Path(to);
    if (!fs.rename(new Path(from), target)) {
      if (fs.exists(target)) {
        throw new FileAlreadyExistsException(to, from, "rename target exists");
      }
      throw new IOException(
          "rename " + from + " -> " + to + " failed (source missing or parent not a directory)");
    }
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(new Path(path));
  }

  @Override
  public long recoverLength(String path) throws IOException {
    Path p = new Path(path);
    if (fs instanceof DistributedFileSystem) {
      DistributedFileSystem dfs = (DistributedFileSystem) fs;
      try {
        if (!dfs.isFileClosed(p) && !dfs.recoverLease(p)) {
          awaitClosed(dfs, p, "lease recovery");
        }
      } catch (FileNotFoundException e) {
        return -1;
      }
    }
    try {
      return fs.getFileStatus(p).getLen();
    } catch (FileNotFoundException e) {
      return -1;
    }
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    Path p = new Path(path);
    if (!fs.truncate(p, length) && fs instanceof DistributedFileSystem) {
      awaitClosed((DistributedFileSystem) fs, p, "truncate to " + length + " bytes");
    }
    long now = fs.getFileStatus(p).getLen();
    if (now != length) {
      throw new IOException(
          "truncate of " + path + " to " + length + " bytes left " + now + " bytes");
    }
  }

  @Override
  public void delete(String path) throws IOException {
    fs.delete(new Path(path), false);
  }

  @Override
  public List<String> find(String root, Predicate<String> name) throws IOException {
    List<String> found = new ArrayList<>();
    Path r = new Path(root);
    if (!fs.exists(r)) {
      return found;
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(r, true);
    while (files.hasNext()) {
      Path p = files.next().getPath();
      if (name.test(p.getName())) {
        found.add(Path.getPathWithoutSchemeAndAuthority(p).toString());
      }
    }
    return found;
  }

  /**
   * Block recovery runs on the DataNodes after lease recovery or truncate; the file is closed once
   * it is done.
   */
  private void awaitClosed(DistributedFileSystem dfs, Path p, String what) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(recoveryTimeoutMillis);
    while (!dfs.isFileClosed(p)) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            what
                + " of "
                + p
                + " not finished after "
                + recoveryTimeoutMillis
                + " ms (hdfs.recoveryTimeout); retried later");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for " + what + " of " + p);
      }
    }
  }
}
