package io.accesslog.flume.sink.hour;

import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;

/**
 * What one writer publishes in {@code <hdfs.root>/_writers/.state/<writer id>} at every heartbeat,
 * as {@code key=value} lines. Immutable.
 *
 * <ul>
 *   <li>{@code heartbeat}: the writer's clock at the write (epoch ms); older than {@code
 *       heartbeat.staleAfter} = the writer is down;
 *   <li>{@code finishedThrough}: an hour start (epoch ms); every hour that starts before it is
 *       finished by this writer: its close minute passed, nothing of it is buffered,
 *       spooled-but-not-written or in progress;
 *   <li>{@code markedThrough}: hours before it had every writer finished, as far as this writer
 *       saw;
 *   <li>{@code drained}: set by {@code accesslog-flume spool drain} once the writer's spool is all
 *       in HDFS (epoch ms): such a writer holds back nothing;
 *   <li>{@code lateHours}: hours before {@code markedThrough} of which it holds lines right now
 *       (late lines): such an hour's markers are rewritten only once no writer lists it;
 *   <li>{@code identity}: host and spool directory, as in the claim.
 * </ul>
 */
public final class WriterState {
  public static final long NONE = Long.MIN_VALUE;

  public final String writerId;
  public final String identity;
  public final long heartbeatMillis;
  public final long finishedThrough;
  public final long markedThrough;
  public final boolean recovering;
  public final long drainedMillis;
  public final java.util.List<Long> lateHours;

  public WriterState(
      String writerId,
      String identity,
      long heartbeatMillis,
      long finishedThrough,
      long markedThrough,
      boolean recovering,
      long drainedMillis) {
    this(
        writerId,
        identity,
        heartbeatMillis,
        finishedThrough,
        markedThrough,
        recovering,
        drainedMillis,
        java.util.Collections.<Long>emptyList());
  }

  public WriterState(
      String writerId,
      String identity,
      long heartbeatMillis,
      long finishedThrough,
      long markedThrough,
      boolean recovering,
      long drainedMillis,
      java.util.List<Long> lateHours) {
    this.lateHours = lateHours;
    this.writerId = writerId;
    this.identity = identity;
    this.heartbeatMillis = heartbeatMillis;
    this.finishedThrough = finishedThrough;
    this.markedThrough = markedThrough;
    this.recovering = recovering;
    this.drainedMillis = drainedMillis;
  }

  public boolean drained() {
    return drainedMillis != NONE;
  }

  /** This writer has finished the hour starting at {@code hourStart} (or was drained). */
  public boolean finished(long hourStart) {
    return drained() || hourStart < finishedThrough;
  }

  public boolean alive(long now, long staleAfterMillis) {
    return now - heartbeatMillis <= staleAfterMillis;
  }

  public WriterState withDrained(long now) {
    return new WriterState(writerId, identity, now, finishedThrough, markedThrough, false, now);
  }

  public String format() {
    return "writer="
        + writerId
        + "\nidentity="
        + identity
        + "\nheartbeat="
        + heartbeatMillis
        + "\nfinishedThrough="
        + finishedThrough
        + "\nmarkedThrough="
        + markedThrough
        + "\nrecovering="
        + recovering
        + "\n"
        + (drained() ? "drained=" + drainedMillis + "\n" : "")
        + (lateHours.isEmpty() ? "" : "lateHours=" + joined(lateHours) + "\n");
  }

  private static String joined(java.util.List<Long> hours) {
    StringBuilder b = new StringBuilder();
    for (Long h : hours) {
      b.append(b.length() == 0 ? "" : ",").append(h);
    }
    return b.toString();
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a complete state (e.g. caught
   *     mid-rewrite)
   */
  public static WriterState parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    String id = p.getProperty("writer");
    String heartbeat = p.getProperty("heartbeat");
    String finished = p.getProperty("finishedThrough");
    if (id == null || heartbeat == null || finished == null) {
      throw new IllegalArgumentException(
          "not a complete writer state: " + text.length() + " chars");
    }
    try {
      return new WriterState(
          id,
          p.getProperty("identity", ""),
          Long.parseLong(heartbeat),
          Long.parseLong(finished),
          Long.parseLong(p.getProperty("markedThrough", Long.toString(NONE))),
          Boolean.parseBoolean(p.getProperty("recovering", "false")),
          Long.parseLong(p.getProperty("drained", Long.toString(NONE))),
          hours(p.getProperty("lateHours", "")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a writer state: " + e.getMessage(), e);
    }
  }

  private static java.util.List<Long> hours(String text) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    for (String h : text.split(",")) {
      if (!h.trim().isEmpty()) {
        out.add(Long.parseLong(h.trim()));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return format().replace('\n', ' ').trim();
  }
}
