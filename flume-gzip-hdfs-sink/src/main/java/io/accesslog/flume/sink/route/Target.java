package io.accesslog.flume.sink.route;

import io.accesslog.flume.sink.buffer.FileTarget;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Where an event goes: a directory and a file base name in one hour bucket. Immutable.
 *
 * <p>Equality is on (directory, fileBase) only, so it names one file family: events that reached
 * the same file through a timestamp fallback, or in the repeated hour of a DST change, share the
 * writer. The hash is computed once because the sink uses Targets as HashMap keys for every event.
 */
public final class Target implements FileTarget {
  private final String directory;
  private final String fileBase;
  private final long hourStartMillis;
  private final TimestampFallback timestampFallback;
  private final List<String> fallbackHeaders;
  private final List<String> rewrittenHeaders;
  private final int hash;
  private byte[] spoolKey;

  Target(
      String directory,
      String fileBase,
      long hourStartMillis,
      TimestampFallback timestampFallback,
      List<String> fallbackHeaders) {
    this(
        directory,
        fileBase,
        hourStartMillis,
        timestampFallback,
        fallbackHeaders,
        noFallbackHeaders());
  }

  Target(
      String directory,
      String fileBase,
      long hourStartMillis,
      TimestampFallback timestampFallback,
      List<String> fallbackHeaders,
      List<String> rewrittenHeaders) {
    this.directory = directory;
    this.fileBase = fileBase;
    this.hourStartMillis = hourStartMillis;
    this.timestampFallback = timestampFallback;
    this.fallbackHeaders = fallbackHeaders;
    this.rewrittenHeaders = rewrittenHeaders;
    this.hash = 31 * directory.hashCode() + fileBase.hashCode();
  }

  /**
   * The target of a spool record or a ledger entry, read back after a restart: equal to the target
   * the router makes for the same directory and file base.
   */
  public static Target restored(String directory, String fileBase, long hourStartMillis) {
    return new Target(
        directory, fileBase, hourStartMillis, TimestampFallback.NONE, noFallbackHeaders());
  }

  /** {@link #restored} from a {@link #spoolKey()}. */
  public static Target fromSpoolKey(String key) {
    int first = key.indexOf('\n');
    int last = key.lastIndexOf('\n');
    if (first < 0 || last == first) {
      throw new IllegalArgumentException("not a spool target key: " + key);
    }
    return restored(
        key.substring(0, first),
        key.substring(first + 1, last),
        Long.parseLong(key.substring(last + 1)));
  }

  /**
   * How the spool records this target: {@code <directory>\n<fileBase>\n<hourStartMillis>}, so a
   * replay can route a line without its headers. Computed once (the router caches targets).
   */
  public byte[] spoolKey() {
    byte[] key = spoolKey;
    if (key == null) {
      key = (directory + "\n" + fileBase + "\n" + hourStartMillis).getBytes(StandardCharsets.UTF_8);
      spoolKey = key;
    }
    return key;
  }

  /** Full directory including the root, normalized, without trailing slash. */
  @Override
  public String directory() {
    return directory;
  }

  /** File name stem, e.g. {@code web01.2026112213}; FileNamer adds writer, sequence and suffix. */
  @Override
  public String fileBase() {
    return fileBase;
  }

  /** Epoch millis at which the local hour of this bucket starts in the configured zone. */
  @Override
  public long hourStartMillis() {
    return hourStartMillis;
  }

  /** Why ingestion time chose the hour, or {@link TimestampFallback#NONE}. */
  public TimestampFallback timestampFallback() {
    return timestampFallback;
  }

  /** Referenced headers that were absent or unusable and rendered as the missing value. */
  public List<String> fallbackHeaders() {
    return fallbackHeaders;
  }

  /** True when the timestamp or any header fell back. */
  public boolean usedFallback() {
    return timestampFallback != TimestampFallback.NONE || !fallbackHeaders.isEmpty();
  }

  /**
   * Referenced headers whose value the path rule had to rewrite (it would have been hidden, unsafe
   * or too long); empty for the common case. Values the interceptor already sanitized are never
   * rewritten again.
   */
  public List<String> rewrittenHeaders() {
    return rewrittenHeaders;
  }

  static List<String> noFallbackHeaders() {
    return Collections.emptyList();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Target)) {
      return false;
    }
    Target t = (Target) o;
    return hash == t.hash && directory.equals(t.directory) && fileBase.equals(t.fileBase);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return directory + "/" + fileBase;
  }
}
