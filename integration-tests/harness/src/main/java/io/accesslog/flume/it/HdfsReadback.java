package io.accesslog.flume.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reads back every file under an HDFS directory, decompressing with Hadoop's codec for the file's
 * suffix (for {@code .gz}: Hadoop's GzipCodec, which reads concatenated gzip members to the end;
 * the JDK's GZIPInputStream can stop silently at a member boundary). Counts lines per directory and
 * file.
 */
public final class HdfsReadback {
  private HdfsReadback() {}

  /** One file: where, how big, how many lines, and whether Hadoop readers would skip it. */
  public record FileReport(String path, long bytes, long lines, boolean hidden) {}

  /** Everything found under the root. */
  public record Report(
      List<FileReport> files, Map<String, Long> linesPerDirectory, LineDigest digest) {
    public long lines() {
      return digest.lines();
    }

    public long compressedBytes() {
      return files.stream().mapToLong(FileReport::bytes).sum();
    }

    /** Files whose name starts with "_" or "." (in-progress by convention), or ends with ".tmp". */
    public List<FileReport> inProgressFiles() {
      return files.stream().filter(FileReport::hidden).toList();
    }
  }

  /**
   * Paths of every file under {@code root} (no content read: safe while files are being written).
   */
  public static List<String> listFiles(FileSystem fs, String root) {
    List<String> paths = new ArrayList<>();
    try {
      if (!fs.exists(new Path(root))) {
        return paths;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(root), true);
      while (it.hasNext()) {
        Path path = it.next().getPath();
        if (!isBookkeeping(path)) {
          paths.add(path.toUri().getPath());
        }
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root + " failed", e);
    }
  }

  /** Whether a file name is hidden from Hadoop readers / in progress by convention. */
  /**
   * The gzip sink's bookkeeping, not data, skipped: writer-id claims and states ({@code
   * <root>/_writers/<id>}, {@code <root>/_writers/.state/<id>}, {@code .retired/<id>}) and hour
   * markers ({@code _COMPLETE}, and {@code ._COMPLETE.tmp} while one is rewritten).
   */
  static boolean isBookkeeping(Path path) {
    if (path.getName().equals("_COMPLETE") || path.getName().equals("._COMPLETE.tmp")) {
      return true;
    }
    for (Path p = path.getParent(); p != null; p = p.getParent()) {
      if (p.getName().equals("_writers")) {
        return true;
      }
    }
    return false;
  }

  public static boolean isHidden(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.startsWith("_") || name.startsWith(".") || name.endsWith(".tmp");
  }

  public static Report read(FileSystem fs, String root) {
    return read(fs, root, (file, line) -> {});
  }

  /** Reads every line of every file under {@code root}; {@code lines} sees (file path, line). */
  public static Report read(FileSystem fs, String root, BiConsumer<String, String> lines) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(new Configuration(fs.getConf()));
    List<FileReport> files = new ArrayList<>();
    Map<String, Long> perDirectory = new TreeMap<>();
    LineDigest digest = new LineDigest();
    Path rootPath = new Path(root);
    try {
      if (!fs.exists(rootPath)) {
        return new Report(files, perDirectory, digest);
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(rootPath, true);
      while (it.hasNext()) {
        FileStatus status = it.next();
        Path path = status.getPath();
        if (isBookkeeping(path)) {
          continue;
        }
        String name = path.getName();
        long count = 0;
        CompressionCodec codec = codecs.getCodec(path);
        try (InputStream raw = fs.open(path);
            InputStream in = codec == null ? raw : codec.createInputStream(raw);
            BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
          String line;
          String pathString = path.toUri().getPath();
          while ((line = reader.readLine()) != null) {
            count++;
            digest.add(line);
            lines.accept(pathString, line);
          }
        } catch (IOException e) {
          throw new IOException(
              "could not read " + path + " (" + status.getLen() + " bytes) to the end: " + e, e);
        }
        boolean hidden = isHidden(name);
        files.add(new FileReport(path.toUri().getPath(), status.getLen(), count, hidden));
        perDirectory.merge(path.getParent().toUri().getPath(), count, Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading back " + root + " failed", e);
    }
    return new Report(files, perDirectory, digest);
  }
}
