package io.accesslog.flume.tool.gzip;

import java.io.Closeable;
import java.io.IOException;

/**
 * A file read sequentially, with seeks: Hadoop's FSDataInputStream in the tool, a byte array in
 * tests.
 */
public interface RandomInput extends Closeable {
  /** Moves the read position. */
  void seek(long position) throws IOException;

  /** Reads up to {@code len} bytes at the position, advancing it; -1 at the end. */
  int read(byte[] b, int off, int len) throws IOException;

  /** The length of the file as it was when opened or listed. */
  long length();

  /** An in-memory file. */
  static RandomInput of(byte[] data) {
    return new RandomInput() {
      private int pos;

      @Override
      public void seek(long position) {
        pos = (int) Math.min(position, data.length);
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int n = Math.min(len, data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }

      @Override
      public long length() {
        return data.length;
      }

      @Override
      public void close() {}
    };
  }
}
