package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.core.GrowableBytes;
import io.accesslog.flume.sink.buffer.MemberCompressor;
import java.io.Closeable;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@link MemberCompressor} for the worker threads: each call borrows an encoder (one per concurrent
 * caller, created on demand, so at most one per worker) and its scratch buffer, and returns them.
 * {@link #close()} ends every encoder's native deflater.
 */
public final class EncoderPool implements MemberCompressor, Closeable {
  private final CodecChoice codec;
  private final ConcurrentLinkedQueue<Slot> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  public EncoderPool(CodecChoice codec) {
    this.codec = codec;
  }

  public String backend() {
    return codec.backend();
  }

  @Override
  public byte[] compress(byte[] lines, int length) {
    if (closed) {
      throw new IllegalStateException("encoder pool closed");
    }
    Slot slot = idle.poll();
    if (slot == null) {
      slot = new Slot(codec.newEncoder());
    }
    try {
      slot.out.clear();
      slot.encoder.encode(lines, 0, length, slot.out);
      return slot.out.toByteArray();
    } finally {
      if (closed) {
        slot.encoder.close();
      } else {
        idle.add(slot);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Slot slot;
    while ((slot = idle.poll()) != null) {
      slot.encoder.close();
    }
  }

  private static final class Slot {
    final GzipMemberEncoder encoder;
    final GrowableBytes out = new GrowableBytes(64 * 1024);

    Slot(GzipMemberEncoder encoder) {
      this.encoder = encoder;
    }
  }
}
