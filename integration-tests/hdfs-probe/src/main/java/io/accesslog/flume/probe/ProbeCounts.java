package io.accesslog.flume.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide counts of HDFS output-stream operations, written as {@code key=value} lines to the
 * file named by {@code -Daccesslog.hdfsProbe.out}: every 200 ms while they change, and once more at
 * JVM exit after the open streams have closed (bounded wait), marked {@code final=true}.
 */
final class ProbeCounts {
  static final ProbeCounts INSTANCE =
      new ProbeCounts(System.getProperty("accesslog.hdfsProbe.out"));

  private final AtomicLong creates = new AtomicLong();
  private final AtomicLong appends = new AtomicLong();
  private final AtomicLong hflushes = new AtomicLong();
  private final AtomicLong hsyncs = new AtomicLong();
  private final AtomicLong closes = new AtomicLong();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final Path out;

  private ProbeCounts(String out) {
    this.out = out == null || out.isEmpty() ? null : Paths.get(out);
    if (this.out != null) {
      Thread writer = new Thread(this::writeWhileRunning, "hdfs-probe-writer");
      writer.setDaemon(true);
      writer.start();
      Runtime.getRuntime().addShutdownHook(new Thread(this::writeFinal, "hdfs-probe-final"));
    }
  }

  void opened(boolean append) {
    (append ? appends : creates).incrementAndGet();
    peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
  }

  void hflush() {
    hflushes.incrementAndGet();
  }

  void hsync() {
    hsyncs.incrementAndGet();
  }

  void closed() {
    closes.incrementAndGet();
    open.decrementAndGet();
  }

  String snapshot(boolean last) {
    return "creates="
        + creates.get()
        + "\nappends="
        + appends.get()
        + "\nhflushes="
        + hflushes.get()
        + "\nhsyncs="
        + hsyncs.get()
        + "\ncloses="
        + closes.get()
        + "\nopen="
        + open.get()
        + "\npeakOpen="
        + peakOpen.get()
        + "\nfinal="
        + last
        + "\n";
  }

  private void writeWhileRunning() {
    String last = "";
    while (true) {
      String now = snapshot(false);
      if (!now.equals(last)) {
        write(now);
        last = now;
      }
      sleep(200);
    }
  }

  private void writeFinal() {
    // The agent's own shutdown hook closes the sinks' streams concurrently with this one.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (open.get() > 0 && System.nanoTime() < deadline) {
      sleep(20);
    }
    sleep(200);
    write(snapshot(true));
  }

  private synchronized void write(String text) {
    try {
      Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
      Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("hdfs-probe: cannot write " + out, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
