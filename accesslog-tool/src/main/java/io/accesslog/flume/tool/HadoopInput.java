package io.accesslog.flume.tool;

import io.accesslog.flume.tool.gzip.RandomInput;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A file opened through Hadoop's FileSystem API (HDFS with the cluster's config, or file://). */
final class HadoopInput implements RandomInput {
  private final FSDataInputStream in;
  private final long length;
  private long pos;

  HadoopInput(FileSystem fs, String path, long length) throws IOException {
    this.in = fs.open(new Path(path));
    this.length = length;
  }

  @Override
  public void seek(long position) throws IOException {
    if (position != pos) {
      in.seek(position);
      pos = position;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      pos += n;
    }
    return n;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
