package io.accesslog.flume.tool;

import io.accesslog.flume.tool.scan.Scan;
import io.accesslog.flume.tool.select.Selection;
import java.io.PrintStream;

/**
 * The progress line on stderr: files, bytes, lines/s, ETA; redrawn twice a second by its own
 * thread.
 */
final class Progress {
  private final PrintStream err;
  private final Scan scan;
  private final Selection.Result selection;
  private final long started = System.nanoTime();
  private final Thread thread;
  private volatile boolean running = true;

  private Progress(PrintStream err, Scan scan, Selection.Result selection) {
    this.err = err;
    this.scan = scan;
    this.selection = selection;
    this.thread = new Thread(this::loop, "accesslog-progress");
    this.thread.setDaemon(true);
  }

  static Progress start(PrintStream err, Scan scan, Selection.Result selection) {
    Progress p = new Progress(err, scan, selection);
    p.thread.start();
    return p;
  }

  static void clearLine(PrintStream err, boolean on) {
    if (on) {
      err.print("\r\033[K");
    }
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
      if (running) {
        synchronized (err) {
          err.print("\r\033[K" + line());
          err.flush();
        }
      }
    }
  }

  String line() {
    double s = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    long bytes = scan.compressedBytes.sum();
    long total = selection.bytes();
    long lines = scan.lines.sum();
    String eta = bytes == 0 ? "?" : String.format("%.0fs", (total - bytes) / (bytes / s));
    return String.format(
        "%d/%d files, %d/%d MB, %,d lines (%,.0f/s), %,d matched, ETA %s",
        scan.filesDone.get(),
        selection.files().size(),
        bytes >> 20,
        total >> 20,
        lines,
        lines / s,
        scan.matched.sum(),
        eta);
  }

  void stop() {
    running = false;
    thread.interrupt();
    synchronized (err) {
      err.print("\r\033[K");
      err.println(
          String.format("%s in %.1f s", line(), (System.nanoTime() - started) / 1e9)
              .replace(", ETA 0s", ""));
    }
  }
}
