package io.accesslog.flume.sink.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps the real segment files and fails scripted calls: the Nth write (optionally after writing
 * half of it), the Nth force that follows a write (the fsync of an append, not of a repair), the
 * Nth create, or every truncate. Counts are over the opener's lifetime, across files. Also tracks
 * open files so tests can check nothing leaks.
 */
final class FaultyOpener implements SegmentFile.Opener {
  private final SegmentFile.Opener real = SegmentFile.CHANNELS;
  private int writes;
  private int forces;
  private int creates;
  private int failWriteAt = -1;
  private boolean halfWriteBeforeFailing;
  private int failForceAt = -1;
  private int failCreateAt = -1;
  private boolean failTruncates;
  private final List<SegmentFile> open = new ArrayList<>();

  FaultyOpener failWrite(int nth, boolean writeHalfFirst) {
    failWriteAt = writes + nth;
    halfWriteBeforeFailing = writeHalfFirst;
    return this;
  }

  FaultyOpener failForce(int nth) {
    failForceAt = forces + nth;
    return this;
  }

  /** Cancels scripted write, force and create failures that have not fired yet. */
  FaultyOpener disarm() {
    failWriteAt = -1;
    failForceAt = -1;
    failCreateAt = -1;
    return this;
  }

  FaultyOpener failCreate(int nth) {
    failCreateAt = creates + nth;
    return this;
  }

  FaultyOpener failTruncates(boolean fail) {
    failTruncates = fail;
    return this;
  }

  int openFiles() {
    return open.size();
  }

  @Override
  public SegmentFile create(Path path) throws IOException {
    if (++creates == failCreateAt) {
      throw new IOException("injected create failure #" + creates);
    }
    return track(real.create(path));
  }

  @Override
  public SegmentFile openExisting(Path path) throws IOException {
    return track(real.openExisting(path));
  }

  private SegmentFile track(SegmentFile file) {
    SegmentFile wrapped =
        new SegmentFile() {
          private boolean wroteSinceForce;

          @Override
          public void write(ByteBuffer src, long position) throws IOException {
            wroteSinceForce = true;
            if (++writes == failWriteAt) {
              if (halfWriteBeforeFailing) {
                ByteBuffer half = src.duplicate();
                half.limit(src.position() + src.remaining() / 2);
                file.write(half, position);
              }
              throw new IOException("injected write failure #" + writes);
            }
            file.write(src, position);
          }

          @Override
          public void force() throws IOException {
            boolean afterWrite = wroteSinceForce;
            wroteSinceForce = false;
            if (afterWrite && ++forces == failForceAt) {
              throw new IOException("injected force failure #" + forces);
            }
            file.force();
          }

          @Override
          public void truncate(long size) throws IOException {
            if (failTruncates) {
              throw new IOException("injected truncate failure");
            }
            file.truncate(size);
          }

          @Override
          public void close() throws IOException {
            open.remove(this);
            file.close();
          }
        };
    open.add(wrapped);
    return wrapped;
  }
}
