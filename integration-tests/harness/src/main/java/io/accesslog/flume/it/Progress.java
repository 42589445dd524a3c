package io.accesslog.flume.it;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/** A one-line progress display: redrawn in place on a terminal, a line every 10 % otherwise. */
final class Progress implements LongConsumer {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean terminal = System.console() != null;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;
  private long lastDecile = -1;

  Progress(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  @Override
  public void accept(long done) {
    long now = System.nanoTime();
    double seconds = (now - startNanos) / 1e9;
    String text =
        String.format(
            Locale.ROOT,
            "%-28s %,12d / %,d lines  %5.1f%%  %,9.0f lines/s  %6.1f s",
            label,
            done,
            total,
            100.0 * done / total,
            seconds > 0 ? done / seconds : 0,
            seconds);
    if (terminal) {
      if (now - lastDrawNanos > 200_000_000L || done >= total) {
        out.print("\r" + text);
        lastDrawNanos = now;
        if (done >= total) {
          out.println();
        }
      }
    } else {
      long decile = total == 0 ? 10 : done * 10 / total;
      if (decile != lastDecile) {
        out.println(text);
        lastDecile = decile;
      }
    }
    out.flush();
  }
}
