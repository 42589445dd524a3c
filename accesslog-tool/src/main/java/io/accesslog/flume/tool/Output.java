package io.accesslog.flume.tool;

import io.accesslog.flume.tool.scan.Scan;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * stdout for matching lines, shared by the scanning tasks. Tasks hand over whole blocks of lines;
 * one writer thread writes them in the order they came, so lines never interleave and a task's
 * lines keep their order.
 *
 * <p>Why a thread: a pipe holds 64 KB. When the scanning threads wrote themselves, a write into a
 * full pipe stopped a scanning thread (and, through the lock, the other one) until the reader
 * ({@code | wc}, {@code | sort}) got a core back from them. Now a task goes on scanning while up to
 * {@value #QUEUED} blocks wait.
 *
 * <p>A write that fails (the reader of a pipe went away, as with {@code | head}) closes this
 * output: the next hand-over throws {@link Scan.OutputClosedException}, which stops the scan
 * quietly, and what is still queued is dropped. Blocks handed over are recycled ({@link
 * #handOver}), so a run allocates about {@value #QUEUED} plus one per thread.
 */
final class Output {
  /** Size of the blocks {@link #buffer()} gives. */
  static final int BLOCK = 256 * 1024;

  private static final int QUEUED = 16;

  /** A block to write; or, with {@code done} set, a point every block before it has passed. */
  private record Item(byte[] bytes, int len, boolean recycle, CountDownLatch done) {}

  private final OutputStream out;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED);
  private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile IOException failure;

  Output(OutputStream out) {
    this.out = out;
    this.writer = new Thread(this::writeAll, "accesslog-output");
    writer.setDaemon(true);
    writer.start();
  }

  /** An empty block of {@link #BLOCK} bytes for a task to fill (a recycled one when there is). */
  byte[] buffer() {
    byte[] b = free.poll();
    return b != null ? b : new byte[BLOCK];
  }

  /**
   * Queues {@code block[0, len)} (whole lines) for writing and returns an empty block for the
   * caller to go on with; {@code block} belongs to this output now.
   */
  byte[] handOver(byte[] block, int len) throws IOException {
    if (len > 0) {
      put(new Item(block, len, block.length == BLOCK, null));
      return buffer();
    }
    return block;
  }

  /** Gives back a block from {@link #buffer()} that a task no longer needs. */
  void release(byte[] block) {
    if (block.length == BLOCK) {
      free.offer(block);
    }
  }

  /**
   * Queues a copy of {@code b[off, off + len)} and a newline as one block (a line longer than a
   * task's block): apart, another task's block could land between the line and its newline.
   */
  void writeLine(byte[] b, int off, int len) throws IOException {
    byte[] line = java.util.Arrays.copyOfRange(b, off, off + len + 1);
    line[len] = '\n';
    put(new Item(line, line.length, false, null));
  }

  /** Waits until everything handed over is written and flushed; throws if a write failed. */
  void flush() throws IOException {
    CountDownLatch done = new CountDownLatch(1);
    put(new Item(null, 0, false, done));
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while output was written");
    }
    IOException f = failure;
    if (f != null) {
      throw new Scan.OutputClosedException(f);
    }
  }

  private void put(Item item) throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new Scan.OutputClosedException(f);
    }
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Scan.OutputClosedException(new InterruptedIOException("scan stopped"));
    }
  }

  /** The writer thread: runs until the JVM exits (a daemon), idle while nothing is queued. */
  private void writeAll() {
    while (true) {
      Item item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (item.done() != null) {
        if (failure == null) {
          try {
            out.flush();
          } catch (IOException e) {
            failure = e;
          }
        }
        item.done().countDown();
        continue;
      }
      if (failure == null) {
        try {
          out.write(item.bytes(), 0, item.len());
        } catch (IOException e) {
          failure = e;
        }
      }
      if (item.recycle()) {
        free.offer(item.bytes());
      }
    }
  }
}
