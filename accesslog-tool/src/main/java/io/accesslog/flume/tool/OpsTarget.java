package io.accesslog.flume.tool;

import io.accesslog.flume.sink.hour.HadoopHourStore;
import io.accesslog.flume.sink.hour.Hours;
import io.accesslog.flume.sink.hour.WriterRegistry;
import io.accesslog.flume.tool.select.AgentConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Option;

/**
 * What the operations commands need to know about a root: from an agent's {@code --config} (the
 * gzip sink's keys) or given directly; options override the config. Shared by {@code hours}, {@code
 * writers} and {@code spool}.
 */
final class OpsTarget {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "An agent .properties file: the gzip sink's hdfs.root, hdfs.path, hdfs.timeZone,"
              + " roll.closeMinute, heartbeat.staleAfter and hour.marker are read from it"
              + " (${env:NAME} resolved).")
  Path config;

  @Option(
      names = "--sink",
      paramLabel = "NAME",
      description = "The sink in --config (needed when it has several).")
  String sink;

  @Option(
      names = "--root",
      paramLabel = "PATH",
      description = "hdfs.root of the writers (required without --config).")
  String root;

  @Option(
      names = "--path-template",
      paramLabel = "TEMPLATE",
      description = "hdfs.path of the sinks (default: %%{type}/%%{app}/%%Y%%m%%d/%%H).")
  String pathTemplate;

  @Option(
      names = "--layout-zone",
      paramLabel = "ZONE",
      description = "hdfs.timeZone of the sinks (default: UTC).")
  String zone;

  @Option(
      names = "--close-minute",
      paramLabel = "N",
      description = "roll.closeMinute of the sinks (default: 5).")
  Integer closeMinute;

  @Option(
      names = "--stale-after",
      paramLabel = "SECONDS",
      description = "heartbeat.staleAfter: a writer silent this long is DOWN (default: 180).")
  Long staleAfterSeconds;

  @Option(
      names = "--marker",
      paramLabel = "NAME",
      description = "hour.marker of the sinks (default: _COMPLETE).")
  String marker;

  /** The resolved values. */
  static final class Resolved {
    final String root;
    final String pathTemplate;
    final Hours hours;
    final long staleAfterMillis;
    final String marker;
    final FileSystem fs;
    final HadoopHourStore store;
    final WriterRegistry registry;

    Resolved(
        String root,
        String pathTemplate,
        Hours hours,
        long staleAfterMillis,
        String marker,
        FileSystem fs) {
      this.root = root;
      this.pathTemplate = pathTemplate;
      this.hours = hours;
      this.staleAfterMillis = staleAfterMillis;
      this.marker = marker;
      this.fs = fs;
      this.store = new HadoopHourStore(fs);
      this.registry = new WriterRegistry(store, root);
    }
  }

  Resolved resolve(Main.Env env) {
    Map<String, String> keys = Map.of();
    if (config != null) {
      try {
        keys = AgentConfig.read(config, sink, env.variables()).sinkKeys;
      } catch (IOException e) {
        throw new Main.UsageException("--config " + config + ": cannot read it: " + e);
      }
    }
    String r = root != null ? root : keys.get("hdfs.root");
    if (r == null || r.isBlank()) {
      throw new Main.UsageException(
          "which root? give --root (the sinks' hdfs.root) or --config with an agent's"
              + " .properties");
    }
    r = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    String zoneText = zone != null ? zone : keys.getOrDefault("hdfs.timeZone", "UTC");
    ZoneId z;
    try {
      z = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new Main.UsageException("--layout-zone '" + zoneText + "': " + e.getMessage());
    }
    int close =
        closeMinute != null
            ? closeMinute
            : Integer.parseInt(keys.getOrDefault("roll.closeMinute", "5").trim());
    long stale =
        staleAfterSeconds != null
            ? staleAfterSeconds * 1000
            : keys.containsKey("heartbeat.staleAfter")
                ? parseMillis(keys.get("heartbeat.staleAfter"))
                : 180_000;
    String m = marker != null ? marker : keys.getOrDefault("hour.marker", "_COMPLETE").trim();
    m = m.isEmpty() ? "_COMPLETE" : m.equals("none") ? "" : m;
    FileSystem fs;
    try {
      fs = new org.apache.hadoop.fs.Path(r).getFileSystem(env.hadoop());
    } catch (IOException e) {
      throw new Main.UsageException("--root " + r + ": no file system for it: " + e.getMessage());
    }
    return new Resolved(
        r,
        pathTemplate != null
            ? pathTemplate
            : keys.getOrDefault("hdfs.path", "%{type}/%{app}/%Y%m%d/%H"),
        new Hours(z, close),
        stale,
        m,
        fs);
  }

  /** 30s, 3m, 1h, 500ms or plain milliseconds, as the sink's keys take them. */
  static long parseMillis(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (t.endsWith("ms")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      unit = 1000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      unit = 60_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("h")) {
      unit = 3_600_000;
      t = t.substring(0, t.length() - 1);
    }
    try {
      return Long.parseLong(t.trim()) * unit;
    } catch (NumberFormatException e) {
      throw new Main.UsageException(
          "heartbeat.staleAfter '" + text + "': not a duration (30s, 3m, 1h)");
    }
  }

  static PrintWriter out(Main.Env env) {
    return new PrintWriter(new java.io.OutputStreamWriter(env.out(), StandardCharsets.UTF_8), true);
  }
}
