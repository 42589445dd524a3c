package io.accesslog.flume.sink.buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A FileStore in memory with scripted failures, and a log of every operation (like a NameNode's audit log). */
final class InMemoryFileStore implements FileStore {
  final Map<String, ByteArrayOutputStream> files = new TreeMap<>();
  final List<String> operations = new ArrayList<>();
  int failNextWrites;
  int failNextRenames;

  @Override
  public synchronized void write(String path, List<byte[]> chunks, boolean create) throws IOException {
    if (failNextWrites > 0) {
      failNextWrites--;
      operations.add("failed-write " + path);
      throw new IOException("scripted write failure on " + path);
    }
    if (create && files.containsKey(path)) {
      throw new FileAlreadyExistsException(path);
    }
    if (!create && !files.containsKey(path)) {
      throw new NoSuchFileException(path);
    }
    ByteArrayOutputStream file = files.computeIfAbsent(path, p -> new ByteArrayOutputStream());
    for (byte[] chunk : chunks) {
      file.write(chunk);
    }
    operations.add((create ? "create " : "append ") + path);
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
