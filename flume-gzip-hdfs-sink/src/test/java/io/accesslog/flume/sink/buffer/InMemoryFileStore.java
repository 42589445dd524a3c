package io.accesslog.flume.sink.buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A FileStore in memory with scripted failures, and a log of every operation (like a NameNode's
 * audit log).
 */
public final class InMemoryFileStore implements FileStore {
  public final Map<String, ByteArrayOutputStream> files = new TreeMap<>();
  public final List<String> operations = new ArrayList<>();
  int failNextWrites;

  /**
   * Appended to the scripted write failure's message (a long one stands for Hadoop's wordy
   * connection errors).
   */
  String failureDetail = "";

  int failNextRenames;

  /** The next write sends only this many bytes, then fails (a partial append); -1: off. */
  public int partialNextWrite = -1;

  /** The next write arrives whole, but the caller sees a failure (a lost reply). */
  public boolean loseNextReply;

  public int failNextRecoveries;

  /** What {@link #chunkBytes()} reports: the writer pads each write to a multiple of it. */
  public int chunkBytes = 1;

  /**
   * The next write fails as a DataNode crash mid-append does: the file comes back cut to the start
   * of the {@value #DATANODE_CHUNK}-byte checksum chunk its last byte was in, whatever {@link
   * #chunkBytes} reports.
   */
  public boolean tearNextWrite;

  static final int DATANODE_CHUNK = 512;

  @Override
  public int chunkBytes() {
    return chunkBytes;
  }

  @Override
  public synchronized void write(String path, List<byte[]> chunks, boolean create)
      throws IOException {
    if (failNextWrites > 0) {
      failNextWrites--;
      operations.add("failed-write " + path);
      throw new IOException("scripted write failure on " + path + failureDetail);
    }
    if (create && files.containsKey(path)) {
      throw new FileAlreadyExistsException(path);
    }
    if (!create && !files.containsKey(path)) {
      throw new NoSuchFileException(path);
    }
    ByteArrayOutputStream file = files.computeIfAbsent(path, p -> new ByteArrayOutputStream());
    if (tearNextWrite) {
      tearNextWrite = false;
      byte[] kept = file.toByteArray();
      file.reset();
      file.write(kept, 0, kept.length / DATANODE_CHUNK * DATANODE_CHUNK);
      operations.add("torn-write " + path);
      throw new IOException("scripted DataNode crash in the middle of a write to " + path);
    }
    if (partialNextWrite >= 0) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (byte[] chunk : chunks) {
        all.write(chunk);
      }
      file.write(all.toByteArray(), 0, Math.min(partialNextWrite, all.size()));
      partialNextWrite = -1;
      operations.add("partial-write " + path);
      throw new IOException("scripted failure part-way through a write to " + path);
    }
    for (byte[] chunk : chunks) {
      file.write(chunk);
    }
    operations.add((create ? "create " : "append ") + path);
    if (loseNextReply) {
      loseNextReply = false;
      throw new IOException("scripted lost reply after a complete write to " + path);
    }
  }

  @Override
  public synchronized String claim(String path, String content) {
    ByteArrayOutputStream file = files.get(path);
    if (file != null) {
      return new String(file.toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream created = new ByteArrayOutputStream();
    byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    created.write(bytes, 0, bytes.length);
    files.put(path, created);
    operations.add("claim " + path);
    return content;
  }

  @Override
  public synchronized long recoverLength(String path) throws IOException {
    if (failNextRecoveries > 0) {
      failNextRecoveries--;
      throw new java.net.ConnectException("scripted: NameNode unreachable");
    }
    operations.add("recover " + path);
    ByteArrayOutputStream file = files.get(path);
    return file == null ? -1 : file.size();
  }

  @Override
  public synchronized void truncate(String path, long length) throws IOException {
    ByteArrayOutputStream file = files.get(path);
    if (file == null) {
      throw new NoSuchFileException(path);
    }
    byte[] kept = java.util.Arrays.copyOf(file.toByteArray(), (int) length);
    file.reset();
    file.write(kept);
    operations.add("truncate " + path + " " + length);
  }

  @Override
  public synchronized void delete(String path) {
    files.remove(path);
    operations.add("delete " + path);
  }

  @Override
  public synchronized List<String> find(String root, java.util.function.Predicate<String> name) {
    List<String> found = new ArrayList<>();
    for (String path : files.keySet()) {
      if (path.startsWith(root + "/") && name.test(path.substring(path.lastIndexOf('/') + 1))) {
        found.add(path);
      }
    }
    return found;
  }

  @Override
  public synchronized void rename(String from, String to) throws IOException {
    if (failNextRenames > 0) {
      failNextRenames--;
      operations.add("failed-rename " + from);
      throw new IOException("scripted rename failure on " + from);
    }
    if (files.containsKey(to)) {
      throw new FileAlreadyExistsException(to);
    }
    ByteArrayOutputStream data = files.remove(from);
    if (data == null) {
      throw new NoSuchFileException(from);
    }
    files.put(to, data);
    operations.add("rename " + from + " -> " + to);
  }

  @Override
  public synchronized boolean exists(String path) {
    return files.containsKey(path);
  }

  synchronized long count(String prefix) {
    return operations.stream().filter(o -> o.startsWith(prefix)).count();
  }
}
