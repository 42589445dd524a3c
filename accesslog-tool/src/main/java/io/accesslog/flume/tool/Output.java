package io.accesslog.flume.tool;

import io.accesslog.flume.tool.scan.Scan;
import java.io.IOException;
import java.io.OutputStream;

/**
 * stdout for matching lines, shared by the scanning tasks: each hands over whole lines in blocks,
 * so lines never interleave. A write that fails (the reader of a pipe went away, as with {@code |
 * head}) becomes {@link Scan.OutputClosedException}, which stops the scan quietly; later writes are
 * dropped.
 */
final class Output {
  private static final byte[] NEWLINE = {'\n'};

  private final OutputStream out;
  private volatile boolean closed;

  Output(OutputStream out) {
    this.out = out;
  }

  synchronized void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new Scan.OutputClosedException(new IOException("output already closed"));
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      closed = true;
      throw new Scan.OutputClosedException(e);
    }
  }

  /**
   * Writes {@code b[off, off + len)} and a newline under one lock (a line longer than a collector's
   * block): written apart, another task's block could land between the line and its newline.
   */
  synchronized void writeLine(byte[] b, int off, int len) throws IOException {
    write(b, off, len);
    write(NEWLINE, 0, 1);
  }

  synchronized void flush() throws IOException {
    if (closed) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      closed = true;
      throw new Scan.OutputClosedException(e);
    }
  }

  boolean closed() {
    return closed;
  }
}
