package io.accesslog.flume.sink.hour;

/**
 * The hour-marker and late-data settings of one sink, validated by the sink's settings parser.
 *
 * @param heartbeatMillis how often the writer rewrites its state file ({@code heartbeat.interval})
 * @param staleAfterMillis a writer whose last heartbeat is older than this is down ({@code
 *     heartbeat.staleAfter})
 * @param markerName the marker's file name in each hour directory, empty when markers are off
 *     ({@code hour.marker})
 * @param latePolicy where lines of a marked hour go ({@code late.policy})
 * @param lateDir directory under {@code hdfs.root} for {@link LatePolicy#SEPARATE} ({@code
 *     late.dir})
 */
public final class HourSettings {
  /** Where lines for an hour whose marker exists go. */
  public enum LatePolicy {
    /**
     * Into {@code <late.dir>/<arrival hour>/<the hour directory's path under the root>}; the marker
     * stays.
     */
    SEPARATE,
    /**
     * Into the hour directory as a new file; the marker is rewritten with the new counts (revision
     * + 1).
     */
    REOPEN
  }

  final long heartbeatMillis;
  final long staleAfterMillis;
  final String markerName;
  final LatePolicy latePolicy;
  final String lateDir;

  public HourSettings(
      long heartbeatMillis,
      long staleAfterMillis,
      String markerName,
      LatePolicy latePolicy,
      String lateDir) {
    this.heartbeatMillis = heartbeatMillis;
    this.staleAfterMillis = staleAfterMillis;
    this.markerName = markerName;
    this.latePolicy = latePolicy;
    this.lateDir = lateDir;
  }

  public static HourSettings defaults() {
    return new HourSettings(30_000, 180_000, "_COMPLETE", LatePolicy.REOPEN, "late");
  }

  public boolean markersOn() {
    return !markerName.isEmpty();
  }

  public long heartbeatMillis() {
    return heartbeatMillis;
  }

  public long staleAfterMillis() {
    return staleAfterMillis;
  }

  public String markerName() {
    return markerName;
  }

  public LatePolicy latePolicy() {
    return latePolicy;
  }

  public String lateDir() {
    return lateDir;
  }

  @Override
  public String toString() {
    return "heartbeat.interval="
        + heartbeatMillis
        + "ms heartbeat.staleAfter="
        + staleAfterMillis
        + "ms hour.marker="
        + (markerName.isEmpty() ? "(off)" : markerName)
        + " late.policy="
        + latePolicy.name().toLowerCase(java.util.Locale.ROOT)
        + " late.dir="
        + lateDir;
  }
}
