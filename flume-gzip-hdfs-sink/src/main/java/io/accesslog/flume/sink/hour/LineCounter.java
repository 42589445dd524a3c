package io.accesslog.flume.sink.hour;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Counts the lines of a multi-member gzip file, reading every member to the end of the stream (the
 * JDK's {@code GZIPInputStream} may stop silently at a member boundary, so it is not used). A
 * damaged member throws.
 */
final class LineCounter {
  private final byte[] in = new byte[1 << 16];
  private final byte[] out = new byte[1 << 17];
  private int pos;
  private int limit;
  private InputStream stream;

  long count(InputStream source) throws IOException {
    this.stream = source;
    pos = 0;
    limit = 0;
    long lines = 0;
    Inflater inflater = new Inflater(true);
    try {
      while (fill(1)) {
        skipHeader();
        inflater.reset();
        while (!inflater.finished()) {
          if (inflater.needsInput()) {
            if (!fill(1)) {
              throw new EOFException("gzip member ends early");
            }
            inflater.setInput(in, pos, limit - pos);
            pos = limit;
          }
          int n;
          try {
            n = inflater.inflate(out);
          } catch (DataFormatException e) {
            throw new IOException("damaged gzip member: " + e.getMessage(), e);
          }
          for (int i = 0; i < n; i++) {
            if (out[i] == '\n') {
              lines++;
            }
          }
          if (n == 0 && inflater.needsDictionary()) {
            throw new IOException("damaged gzip member: needs a dictionary");
          }
        }
        pos -= inflater.getRemaining();
        skip(8); // CRC-32 and length: the stored bytes were verified by HDFS checksums
      }
    } finally {
      inflater.end();
    }
    return lines;
  }

  private void skipHeader() throws IOException {
    int id1 = u8();
    int id2 = u8();
    int method = u8();
    if (id1 != 0x1f || id2 != 0x8b || method != 8) {
      throw new IOException("not a gzip member");
    }
    int flags = u8();
    skip(6);
    if ((flags & 4) != 0) {
      skip(u8() | u8() << 8);
    }
    if ((flags & 8) != 0) {
      while (u8() != 0) {
        // file name
      }
    }
    if ((flags & 16) != 0) {
      while (u8() != 0) {
        // comment
      }
    }
    if ((flags & 2) != 0) {
      skip(2);
    }
  }

  private int u8() throws IOException {
    if (!fill(1)) {
      throw new EOFException("gzip header ends early");
    }
    return in[pos++] & 0xff;
  }

  private void skip(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      u8();
    }
  }

  /** At least {@code n} (1) bytes buffered; false at the end of the stream. */
  private boolean fill(int n) throws IOException {
    if (limit - pos >= n) {
      return true;
    }
    if (pos < limit) {
      System.arraycopy(in, pos, in, 0, limit - pos);
    }
    limit -= pos;
    pos = 0;
    while (limit < n) {
      int r = stream.read(in, limit, in.length - limit);
      if (r < 0) {
        return false;
      }
      limit += r;
    }
    return true;
  }
}
