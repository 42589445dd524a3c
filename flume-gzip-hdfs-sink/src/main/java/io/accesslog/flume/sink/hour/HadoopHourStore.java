package io.accesslog.flume.sink.hour;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * {@link HourStore} on a Hadoop {@link FileSystem}. Small files only; each write is create, write,
 * close.
 */
public final class HadoopHourStore implements HourStore {
  private static final int MAX_READ = 16 << 20;
  private final FileSystem fs;

  public HadoopHourStore(FileSystem fs) {
    this.fs = fs;
  }

  @Override
  public String read(String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0 && b.size() < MAX_READ) {
        b.write(buffer, 0, n);
      }
      return new String(b.toByteArray(), StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  @Override
  public void overwrite(String path, String content) throws IOException {
    try (FSDataOutputStream out = fs.create(new Path(path), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.hsync();
    }
  }

  /**
   * On HDFS: writes a hidden temporary file next to {@code path} and renames it over {@code path}
   * (one atomic rename with overwrite), so a job reading a marker sees the old one or the new one.
   * Elsewhere (the local file system in tests): {@link #overwrite}.
   */
  @Override
  public void replace(String path, String content) throws IOException {
    if (!(fs instanceof DistributedFileSystem)) {
      overwrite(path, content);
      return;
    }
    Path p = new Path(path);
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.hsync();
    }
    ((DistributedFileSystem) fs).rename(tmp, p, Options.Rename.OVERWRITE);
  }

  @Override
  public boolean createIfAbsent(String path, String content) throws IOException {
    Path p = new Path(path);
    FSDataOutputStream out;
    try {
      out = fs.create(p, false);
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(p)) {
        return false;
      }
      throw e;
    }
    try (FSDataOutputStream o = out) {
      o.write(content.getBytes(StandardCharsets.UTF_8));
      o.hsync();
    }
    return true;
  }

  @Override
  public boolean exists(String path) throws IOException {
    return fs.exists(new Path(path));
  }

  @Override
  public void delete(String path) throws IOException {
    fs.delete(new Path(path), false);
  }

  @Override
  public List<Entry> list(String dir) throws IOException {
    List<Entry> out = new ArrayList<>();
    FileStatus[] all;
    try {
      all = fs.listStatus(new Path(dir));
    } catch (FileNotFoundException e) {
      return out;
    }
    for (FileStatus s : all) {
      out.add(new Entry(s.getPath().getName(), s.getLen(), s.isDirectory()));
    }
    return out;
  }

  @Override
  public List<String> globDirectories(String pattern) throws IOException {
    List<String> out = new ArrayList<>();
    FileStatus[] found = fs.globStatus(new Path(pattern));
    if (found != null) {
      for (FileStatus s : found) {
        if (s.isDirectory()) {
          out.add(Path.getPathWithoutSchemeAndAuthority(s.getPath()).toString());
        }
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Override
  public InputStream open(String path) throws IOException {
    return fs.open(new Path(path));
  }
}
