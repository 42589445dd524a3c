package io.accesslog.flume.sink.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key of the gzip HDFS sink ({@code a1.sinks.<name>.<key>}), declared once, in
 * one of the package's key groups by concern ({@link PathKeys}, {@link SpoolKeys}, {@link
 * WriteKeys}, {@link HdfsKeys}, {@link HourKeys}); this interface extends them all, so every key is
 * named {@code SinkKeys.<KEY>}. The README table is generated from {@link #ALL}, in its order, by
 * {@link #markdownTable()}.
 */
public interface SinkKeys extends PathKeys, SpoolKeys, WriteKeys, HdfsKeys, HourKeys {
  List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(
          Arrays.<ConfigKey<?>>asList(
              HDFS_ROOT,
              HDFS_PATH,
              HDFS_FILE_NAME,
              HDFS_TIME_ZONE,
              MISSING_VALUE,
              ERROR_TYPE,
              ROUTE_CACHE_SIZE,
              WRITER_ID,
              DURABILITY,
              SPOOL_DIR,
              SPOOL_SEGMENT_BYTES,
              SPOOL_MAX_BYTES,
              MEMBER_LINES,
              MEMBER_MAX_AGE,
              APPEND_BYTES,
              APPEND_MAX_AGE,
              APPEND_JITTER_PERCENT,
              ROLL_BYTES,
              ROLL_CLOSE_MINUTE,
              BUFFER_MAX_BYTES,
              COMPRESSION_CODEC,
              COMPRESSION_LEVEL,
              WORKERS,
              HDFS_WRITERS,
              BATCH_SIZE,
              RETRY_INITIAL_BACKOFF,
              RETRY_MAX_BACKOFF,
              HDFS_RECOVERY_TIMEOUT,
              HDFS_CALL_TIMEOUT,
              RECOVERY_ORPHAN_SCAN,
              KERBEROS_PRINCIPAL,
              KERBEROS_KEYTAB,
              PROXY_USER,
              STOP_TIMEOUT,
              HEARTBEAT_INTERVAL,
              HEARTBEAT_STALE_AFTER,
              HOUR_MARKER,
              LATE_POLICY,
              LATE_DIR));

  /** Keys Flume itself reads from a sink's context. */
  List<String> FLUME_KEYS = Collections.unmodifiableList(Arrays.asList("type", "channel"));

  /** The README table: key, default, allowed values, meaning. */
  static String markdownTable() {
    StringBuilder b =
        new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
    for (ConfigKey<?> k : ALL) {
      b.append("| `")
          .append(k.name())
          .append("` | ")
          .append(
              k.defaultValue() == null
                  ? "(required)"
                  : k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`")
          .append(" | ")
          .append(k.allowed().replace("|", "\\|"))
          .append(" | ")
          .append(k.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
