package io.accesslog.flume.sink.hour;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The file system operations of hour markers and writer states (HDFS in production, a fake or the
 * local file system in tests). Paths are absolute strings as the sink's templates make them.
 * Thread-safe.
 */
public interface HourStore {
  /** A file's name and length. */
  final class Entry {
    public final String name;
    public final long length;
    public final boolean directory;

    public Entry(String name, long length, boolean directory) {
      this.name = name;
      this.length = length;
      this.directory = directory;
    }
  }

  /** The file's content as UTF-8, or null when it does not exist. */
  String read(String path) throws IOException;

  /**
   * Replaces the file's content (creating parents). Readers may briefly see no file or an empty
   * one, and retry.
   */
  void overwrite(String path, String content) throws IOException;

  /** Replaces the file's content so that readers see the old or the new content, where possible. */
  void replace(String path, String content) throws IOException;

  /** Creates the file with {@code content} unless it exists; true when this call created it. */
  boolean createIfAbsent(String path, String content) throws IOException;

  boolean exists(String path) throws IOException;

  void delete(String path) throws IOException;

  /** The entries of a directory; empty when it does not exist. */
  List<Entry> list(String dir) throws IOException;

  /** Directories matching a Hadoop glob ({@code *} within one path component). */
  List<String> globDirectories(String pattern) throws IOException;

  InputStream open(String path) throws IOException;
}
