package io.accesslog.flume.sink;

import static io.accesslog.flume.sink.config.SinkKeys.*;

import io.accesslog.flume.sink.auth.AuthSettings;
import io.accesslog.flume.sink.buffer.BufferSettings;
import io.accesslog.flume.sink.buffer.RetryBackoff;
import io.accesslog.flume.sink.config.ConfigKey;
import io.accesslog.flume.sink.config.KeyNames;
import io.accesslog.flume.sink.config.SinkKeys;
import io.accesslog.flume.sink.config.StockKeys;
import io.accesslog.flume.sink.gzip.CompressionSettings;
import io.accesslog.flume.sink.hour.HourSettings;
import io.accesslog.flume.sink.hour.Hours;
import io.accesslog.flume.sink.route.RouteSettings;
import io.accesslog.flume.sink.spool.SpoolSettings;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flume.conf.ConfigurationException;

/**
 * Everything the sink is configured with, parsed once from Flume's context and validated in one
 * place (each key: {@link SinkKeys}). Immutable; the sink's parts get their own settings objects.
 */
final class SinkSettings {
  final String sinkName;
  final RouteSettings route;
  final SpoolSettings spool;
  final BufferSettings buffers;
  final CompressionSettings compression;
  final int workers;
  final int hdfsWriters;
  final int batchSize;
  final long stopTimeoutMillis;
  final RetryBackoff backoff;
  final long recoveryTimeoutMillis;
  final OrphanScan orphanScan;
  final long callTimeoutMillis;
  final AuthSettings auth;
  final HourSettings hours;

  private SinkSettings(
      String sinkName,
      RouteSettings route,
      SpoolSettings spool,
      BufferSettings buffers,
      CompressionSettings compression,
      int workers,
      int hdfsWriters,
      int batchSize,
      long stopTimeoutMillis,
      RetryBackoff backoff,
      long recoveryTimeoutMillis,
      OrphanScan orphanScan,
      long callTimeoutMillis,
      AuthSettings auth,
      HourSettings hours) {
    this.sinkName = sinkName;
    this.route = route;
    this.spool = spool;
    this.buffers = buffers;
    this.compression = compression;
    this.workers = workers;
    this.hdfsWriters = hdfsWriters;
    this.batchSize = batchSize;
    this.stopTimeoutMillis = stopTimeoutMillis;
    this.backoff = backoff;
    this.recoveryTimeoutMillis = recoveryTimeoutMillis;
    this.orphanScan = orphanScan;
    this.callTimeoutMillis = callTimeoutMillis;
    this.auth = auth;
    this.hours = hours;
  }

  boolean durable() {
    return spool != null;
  }

  /**
   * @param values the sink's Flume context ({@code a1.sinks.<name>.*} without the prefix)
   * @throws ConfigurationException naming the key, the value and what is allowed
   */
  static SinkSettings parse(String sinkName, Map<String, String> values) {
    String component = "gzip HDFS sink '" + sinkName + "'";
    rejectUnknownKeys(component, values);
    rejectStockPath(component, values);
    RouteSettings route;
    try {
      String writerId = WRITER_ID.read(component, values);
      route =
          RouteSettings.builder()
              .root(HDFS_ROOT.read(component, values))
              .path(HDFS_PATH.read(component, values))
              .fileName(HDFS_FILE_NAME.read(component, values))
              .timeZone(HDFS_TIME_ZONE.read(component, values))
              .missingValue(MISSING_VALUE.read(component, values))
              .errorType(ERROR_TYPE.read(component, values))
              .cacheSize(ROUTE_CACHE_SIZE.read(component, values).intValue())
              .writerId(writerId.isEmpty() ? null : writerId)
              .sinkName(sinkName)
              .build();
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(component + ": " + e.getMessage(), e);
    }

    SpoolSettings spool = null;
    if (DURABILITY.read(component, values).equals("spool")) {
      String dir = SPOOL_DIR.read(component, values);
      if (dir.isEmpty()) {
        throw new ConfigurationException(
            component
                + ": "
                + SPOOL_DIR.name()
                + " must be set when "
                + DURABILITY.name()
                + " = spool (the default); or set "
                + DURABILITY.name()
                + " = none to accept losing buffered lines when the agent dies");
      }
      try {
        spool =
            SpoolSettings.builder(Paths.get(dir))
                .segmentBytes(SPOOL_SEGMENT_BYTES.read(component, values))
                .maxBytes(SPOOL_MAX_BYTES.read(component, values))
                .build();
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(component + ": " + e.getMessage(), e);
      }
    }

    long appendBytes = APPEND_BYTES.read(component, values);
    long rollBytes = ROLL_BYTES.read(component, values);
    if (appendBytes > rollBytes) {
      throw new ConfigurationException(
          component
              + ": "
              + APPEND_BYTES.name()
              + " ("
              + appendBytes
              + ") must not be "
              + "larger than "
              + ROLL_BYTES.name()
              + " ("
              + rollBytes
              + ")");
    }
    BufferSettings buffers =
        new BufferSettings(
            MEMBER_LINES.read(component, values).intValue(),
            MEMBER_MAX_AGE.read(component, values),
            appendBytes,
            APPEND_MAX_AGE.read(component, values),
            APPEND_JITTER_PERCENT.read(component, values) / 100.0,
            rollBytes,
            ROLL_CLOSE_MINUTE.read(component, values).intValue(),
            BUFFER_MAX_BYTES.read(component, values));

    CompressionSettings compression;
    try {
      compression = CompressionSettings.fromProperties(component, values);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(component + ": " + e.getMessage(), e);
    }

    long initialBackoff = RETRY_INITIAL_BACKOFF.read(component, values);
    long maxBackoff = RETRY_MAX_BACKOFF.read(component, values);
    if (initialBackoff > maxBackoff) {
      throw new ConfigurationException(
          component
              + ": "
              + RETRY_INITIAL_BACKOFF.name()
              + " ("
              + initialBackoff
              + " ms) must not be larger than "
              + RETRY_MAX_BACKOFF.name()
              + " ("
              + maxBackoff
              + " ms)");
    }
    AuthSettings auth;
    try {
      auth =
          AuthSettings.of(
              KERBEROS_PRINCIPAL.read(component, values),
              KERBEROS_KEYTAB.read(component, values),
              PROXY_USER.read(component, values),
              KERBEROS_PRINCIPAL.name(),
              KERBEROS_KEYTAB.name());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(component + ": " + e.getMessage(), e);
    }
    return new SinkSettings(
        sinkName,
        route,
        spool,
        buffers,
        compression,
        WORKERS.read(component, values).intValue(),
        HDFS_WRITERS.read(component, values).intValue(),
        BATCH_SIZE.read(component, values).intValue(),
        STOP_TIMEOUT.read(component, values),
        new RetryBackoff(initialBackoff, maxBackoff),
        HDFS_RECOVERY_TIMEOUT.read(component, values),
        OrphanScan.of(RECOVERY_ORPHAN_SCAN.read(component, values)),
        HDFS_CALL_TIMEOUT.read(component, values),
        auth,
        hourSettings(component, values, route));
  }

  /** A stock-style hdfs.path (the whole directory, URI and all) gets the migration hint. */
  private static void rejectStockPath(String component, Map<String, String> values) {
    String path = values.get(HDFS_PATH.name());
    if (path != null && (path.trim().startsWith("/") || path.contains("://"))) {
      throw new ConfigurationException(
          component
              + ": "
              + HDFS_PATH.name()
              + " = '"
              + path
              + "' is not valid; "
              + StockKeys.find(HDFS_PATH.name()).message());
    }
  }

  private static HourSettings hourSettings(
      String component, Map<String, String> values, RouteSettings route) {
    long heartbeat = HEARTBEAT_INTERVAL.read(component, values);
    long stale = HEARTBEAT_STALE_AFTER.read(component, values);
    if (stale <= heartbeat) {
      throw new ConfigurationException(
          component
              + ": "
              + HEARTBEAT_STALE_AFTER.name()
              + " ("
              + stale
              + " ms) must "
              + "be longer than "
              + HEARTBEAT_INTERVAL.name()
              + " ("
              + heartbeat
              + " ms)");
    }
    String marker = HOUR_MARKER.read(component, values);
    if (!marker.isEmpty() && !Hours.hourlyDirectories(route.path())) {
      throw new ConfigurationException(
          component
              + ": "
              + HOUR_MARKER.name()
              + " = "
              + marker
              + " needs a directory "
              + "per hour, but "
              + HDFS_PATH.name()
              + " = "
              + route.path()
              + " has no %H or %s; add the hour to "
              + HDFS_PATH.name()
              + ", or set "
              + HOUR_MARKER.name()
              + " = none to turn markers off");
    }
    return new HourSettings(
        heartbeat,
        stale,
        marker,
        HourSettings.LatePolicy.valueOf(
            LATE_POLICY.read(component, values).toUpperCase(Locale.ROOT)),
        LATE_DIR.read(component, values));
  }

  private static void rejectUnknownKeys(String component, Map<String, String> values) {
    List<String> known = new ArrayList<>(SinkKeys.FLUME_KEYS);
    for (ConfigKey<?> key : SinkKeys.ALL) {
      known.add(key.name());
    }
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (unknown.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(component + ": unknown key(s) " + unknown + ".");
    for (String key : unknown) {
      StockKeys.Entry stock = StockKeys.find(key);
      String nearest = KeyNames.nearest(key, known);
      if (stock != null) {
        message.append(' ').append(stock.message());
      } else if (nearest != null) {
        message.append(" '").append(key).append("': did you mean '").append(nearest).append("'?");
      }
    }
    message.append(" Known keys: ").append(new TreeSet<>(known));
    throw new ConfigurationException(message.toString());
  }

  @Override
  public String toString() {
    return "sink="
        + sinkName
        + " route={"
        + route
        + "} spool="
        + (spool == null ? "none (sink.durability=none)" : spool)
        + " buffers={"
        + buffers
        + "} compression="
        + compression
        + " workers="
        + workers
        + " hdfs.writers="
        + hdfsWriters
        + " batchSize="
        + batchSize
        + " stop.timeout="
        + stopTimeoutMillis
        + "ms retry="
        + backoff
        + " hdfs.recoveryTimeout="
        + recoveryTimeoutMillis
        + "ms hdfs.callTimeout="
        + callTimeoutMillis
        + "ms recovery.orphanScan="
        + orphanScan
        + " auth={"
        + auth
        + "} "
        + hours;
  }
}
