package io.accesslog.flume.sink;

import org.slf4j.Logger;

/**
 * Progress of long start-up work (spool replay, root listing) in the agent log: done, total, rate
 * and ETA, at most every 10 s and never for work that ends sooner. Pure apart from the log call;
 * the caller passes the time.
 */
final class ProgressLog {
  static final long INTERVAL_MILLIS = 10_000;

  private final Logger log;
  private final String what;
  private final String unit;
  private final long startMillis;
  private long nextMillis;

  ProgressLog(Logger log, String what, String unit, long startMillis) {
    this.log = log;
    this.what = what;
    this.unit = unit;
    this.startMillis = startMillis;
    this.nextMillis = startMillis + INTERVAL_MILLIS;
  }

  /**
   * @param total the expected total, or a negative number when it is not known
   */
  boolean maybeLog(long done, long total, long now) {
    String line = maybeLine(done, total, now);
    if (line == null) {
      return false;
    }
    log.info(line);
    return true;
  }

  /** The progress line when one is due (and then not again for 10 s), else null. */
  String maybeLine(long done, long total, long now) {
    if (now < nextMillis) {
      return null;
    }
    nextMillis = now + INTERVAL_MILLIS;
    return line(done, total, now);
  }

  String line(long done, long total, long now) {
    long elapsed = Math.max(1, now - startMillis);
    double perSecond = done * 1000.0 / elapsed;
    StringBuilder b = new StringBuilder(what).append(": ").append(done);
    if (total >= 0) {
      b.append(" of ").append(total).append(' ').append(unit);
      if (total > 0) {
        b.append(
            String.format(
                java.util.Locale.ROOT, " (%.1f %%)", 100.0 * Math.min(done, total) / total));
      }
    } else {
      b.append(' ').append(unit).append(" (total not known)");
    }
    b.append(
        String.format(java.util.Locale.ROOT, ", %.0f/s, %d s so far", perSecond, elapsed / 1000));
    if (total > done && perSecond > 0) {
      b.append(", ETA ").append((long) Math.ceil((total - done) / perSecond)).append(" s");
    }
    return b.toString();
  }
}
