package io.accesslog.flume.sink.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The writer's view of one segment file: the IO seam. Tests wrap the {@link Opener} to fail a
 * chosen write, fsync or truncate.
 */
interface SegmentFile extends Closeable {

  /** Writes all of {@code src} at {@code position}. */
  void write(ByteBuffer src, long position) throws IOException;

  /** Forces written data (and the file length) to disk: fdatasync. */
  void force() throws IOException;

  void truncate(long size) throws IOException;

  /** Opens segment files for writing. */
  interface Opener {
    /** Creates a new, empty segment; fails if it exists. */
    SegmentFile create(Path path) throws IOException;

    SegmentFile openExisting(Path path) throws IOException;
  }

  /** The real thing, on {@link FileChannel}. */
  Opener CHANNELS =
      new Opener() {
        @Override
        public SegmentFile create(Path path) throws IOException {
          return new ChannelSegmentFile(
              FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }

        @Override
        public SegmentFile openExisting(Path path) throws IOException {
          return new ChannelSegmentFile(FileChannel.open(path, StandardOpenOption.WRITE));
        }
      };

  /** {@link SegmentFile} on a {@link FileChannel}. */
  final class ChannelSegmentFile implements SegmentFile {
    private final FileChannel channel;

    ChannelSegmentFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
      long pos = position;
      while (src.hasRemaining()) {
        pos += channel.write(src, pos);
      }
    }

    @Override
    public void force() throws IOException {
      // force(false) is fdatasync on Linux: it still flushes the file length, which is all
      // the metadata an append needs to be found again after a crash.
      channel.force(false);
    }

    @Override
    public void truncate(long size) throws IOException {
      channel.truncate(size);
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
