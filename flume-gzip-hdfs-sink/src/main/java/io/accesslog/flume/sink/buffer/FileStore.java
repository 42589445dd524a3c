package io.accesslog.flume.sink.buffer;

import java.io.IOException;
import java.util.List;

/**
 * The HDFS operations the write path needs. Every write opens, writes, syncs and closes: no stream
 * stays open between writes. Called from worker threads; implementations must be thread-safe.
 */
public interface FileStore {
  /**
   * Writes {@code chunks} to {@code path} and makes them durable on the DataNodes before returning
   * ({@code hsync}, then close). {@code create}: the file must not exist yet ({@link
   * java.nio.file.FileAlreadyExistsException} or Hadoop's equivalent otherwise); else append.
   */
  void write(String path, List<byte[]> chunks, boolean create) throws IOException;

  /**
   * The size of the checksum chunks the file system keeps per file, or 1: each write is padded to
   * end on a multiple of it ({@link ChunkPadding}), so an append torn by a storage crash never
   * takes bytes of an earlier write with it.
   */
  int chunkBytes();

  /** Renames {@code from} to {@code to}; fails if {@code to} exists. */
  void rename(String from, String to) throws IOException;

  boolean exists(String path) throws IOException;

  /**
   * The length of a file that an earlier write may have left open (a crashed agent, a failed
   * close): first makes sure no writer holds it (lease recovery, waiting a bounded time for the
   * file to be closed), then reads its length. -1 when the file does not exist.
   */
  long recoverLength(String path) throws IOException;

  /** Cuts the file back to {@code length} and returns once it can be appended to again. */
  void truncate(String path, long length) throws IOException;

  void delete(String path) throws IOException;

  /**
   * Creates {@code path} holding {@code content} unless it exists, and returns what the file holds
   * then: {@code content} if this call created it (or it already held that), else the other
   * content.
   */
  String claim(String path, String content) throws IOException;

  /** Every file under {@code root} (recursively) whose name satisfies {@code name}. */
  List<String> find(String root, java.util.function.Predicate<String> name) throws IOException;
}
