package io.accesslog.flume.sink.config;

/**
 * Sink keys of finished hours: the writer heartbeat, the hour marker written once every writer
 * finished an hour, and where lines go that arrive after it.
 *
 * <p>Declared here, named by users as {@code SinkKeys.<KEY>} ({@link SinkKeys} extends this group;
 * the README table lists {@link SinkKeys#ALL}).
 */
interface HourKeys {
  // --- hour markers and late data
  ConfigKey<Long> HEARTBEAT_INTERVAL =
      ConfigKey.millis(
          "heartbeat.interval",
          "30s",
          100,
          600_000,
          "How often the sink writes its heartbeat and finished-hour watermark to "
              + "<hdfs.root>/_writers/.state/<writer.id> and writes the markers of hours every writer finished.");
  ConfigKey<Long> HEARTBEAT_STALE_AFTER =
      ConfigKey.millis(
          "heartbeat.staleAfter",
          "3m",
          300,
          86_400_000,
          "A writer whose last heartbeat is older than this is reported DOWN (hours status, writers list) "
              + "and may be retired; must be longer than heartbeat.interval and the clock skew between hosts.");
  ConfigKey<String> HOUR_MARKER =
      ConfigKey.of(
          "hour.marker",
          "_COMPLETE",
          "none (no markers), or a file name starting with '_' or '.' (hidden from Hadoop/Hive/Spark input) of "
              + "[A-Za-z0-9._-]; needs an hour in hdfs.path (%H or %s)",
          "Marker written into an hour directory once every writer of hdfs.root finished that hour; it lists every "
              + "final file with bytes and lines.",
          raw -> {
            String v = raw.trim();
            if (v.equals("none")) {
              return "";
            }
            if (!(v.startsWith("_") || v.startsWith(".")) || !v.matches("[A-Za-z0-9._-]{2,64}")) {
              throw new IllegalArgumentException(
                  "none, or a name starting with '_' or '.' of [A-Za-z0-9._-]");
            }
            return v;
          });
  ConfigKey<String> LATE_POLICY =
      ConfigKey.choice(
          "late.policy",
          "reopen",
          "Where a line goes whose hour already has its marker (counted as LateLinesAfterMarker; never dropped). "
              + "reopen: into the hour directory, as a new file, and the marker is rewritten (revision + 1, new "
              + "counts) once that file is finished, so every line stays in its event hour; separate: into "
              + "<hdfs.root>/<late.dir>/<arrival yyyyMMddHH>/<the hour directory's path>, and a marked hour never "
              + "changes.",
          "reopen",
          "separate");
  ConfigKey<String> LATE_DIR =
      ConfigKey.of(
          "late.dir",
          "late",
          "a relative directory of [A-Za-z0-9._-] components",
          "Directory under hdfs.root for late.policy = separate.",
          raw -> {
            String v = raw.trim();
            if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")) {
              throw new IllegalArgumentException(
                  "a relative directory of [A-Za-z0-9._-] components");
            }
            return v;
          });
}
