package io.accesslog.flume.probe;

import java.io.IOException;
import java.util.EnumSet;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.hdfs.DFSOutputStream;
import org.apache.hadoop.hdfs.client.HdfsDataOutputStream;

/**
 * An {@link HdfsDataOutputStream} over the same {@link DFSOutputStream} that counts hflush, hsync
 * and close. It stays an {@code HdfsDataOutputStream}, so callers that look for one (the stock
 * sink's replication check, {@code hsync(UPDATE_LENGTH)}) behave as without the probe.
 */
public final class CountingOutputStream extends HdfsDataOutputStream {
  private final ProbeCounts counts;
  private boolean closed;

  private CountingOutputStream(DFSOutputStream out, long position, ProbeCounts counts)
      throws IOException {
    super(out, null, position);
    this.counts = counts;
  }

  static FSDataOutputStream wrap(FSDataOutputStream out, ProbeCounts counts, boolean append)
      throws IOException {
    if (!(out.getWrappedStream() instanceof DFSOutputStream)) {
      throw new IOException(
          "hdfs-probe: unexpected stream "
              + out.getWrappedStream().getClass().getName()
              + " (encryption zones are not supported by the probe)");
    }
    counts.opened(append);
    return new CountingOutputStream((DFSOutputStream) out.getWrappedStream(), out.getPos(), counts);
  }

  @Override
  public void hflush() throws IOException {
    counts.hflush();
    super.hflush();
  }

  @Override
  public void hsync() throws IOException {
    counts.hsync();
    super.hsync();
  }

  @Override
  public void hsync(EnumSet<SyncFlag> syncFlags) throws IOException {
    counts.hsync();
    super.hsync(syncFlags);
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      super.close();
    } finally {
      counts.closed();
    }
  }
}
