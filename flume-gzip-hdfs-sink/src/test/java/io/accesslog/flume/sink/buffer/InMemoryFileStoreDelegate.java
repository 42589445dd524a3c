package io.accesslog.flume.sink.buffer;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link FileStore} that passes every call to an {@link InMemoryFileStore}; tests override what
 * they script.
 */
class InMemoryFileStoreDelegate implements FileStore {
  final InMemoryFileStore inner = new InMemoryFileStore();

  @Override
  public void write(String path, List<byte[]> chunks, boolean create) throws IOException {
    inner.write(path, chunks, create);
  }

  @Override
  public int chunkBytes() {
    return inner.chunkBytes();
  }

  @Override
  public void rename(String from, String to) throws IOException {
    inner.rename(from, to);
  }

  @Override
  public boolean exists(String path) {
    return inner.exists(path);
  }

  @Override
  public long recoverLength(String path) throws IOException {
    return inner.recoverLength(path);
  }

  @Override
  public void truncate(String path, long length) throws IOException {
    inner.truncate(path, length);
  }

  @Override
  public void delete(String path) {
    inner.delete(path);
  }

  @Override
  public String claim(String path, String content) {
    return inner.claim(path, content);
  }

  @Override
  public List<String> find(String root, Predicate<String> name) {
    return inner.find(root, name);
  }
}
