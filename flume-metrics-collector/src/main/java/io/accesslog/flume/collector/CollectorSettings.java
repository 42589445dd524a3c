package io.accesslog.flume.collector;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.KeyTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's settings, parsed once from {@code --key value} arguments. A bad value fails
 * naming the option, the value and what is allowed.
 */
record CollectorSettings(
    String bind,
    int port,
    Path storageDir,
    Duration window,
    int staleIntervals,
    String token,
    int maxBodyBytes,
    Duration snapshotEvery,
    int maxAgents,
    Duration refresh,
    AlertRules.Thresholds alerts,
    String webhook,
    String webhookToken,
    boolean protectReads) {

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  static final ConfigKey<String> BIND =
      ConfigKey.string(
          "bind",
          "127.0.0.1",
          "an address of this machine",
          "Address to listen on; 0.0.0.0 accepts agents on other machines.");
  static final ConfigKey<Long> PORT =
      ConfigKey.integer(
          "port",
          "9099",
          0,
          65_535,
          "0 to 65535 (0: any free port, printed at start)",
          "HTTP port: POST /report, GET / (dashboard), /api/agents, /metrics.");
  static final ConfigKey<String> STORAGE_DIR =
      ConfigKey.string(
          "storage-dir",
          "collector-data",
          "a writable directory",
          "Where the window is snapshotted, so a restart keeps it.");
  static final ConfigKey<Long> WINDOW =
      ConfigKey.duration(
          "window", "15m", MINUTE, 7 * DAY, null, "How much history is kept per agent.");
  static final ConfigKey<Long> STALE_INTERVALS =
      ConfigKey.integer(
          "stale-intervals",
          "3",
          1,
          1000,
          "1 to 1000",
          "An agent is STALE after this many of its report intervals without a report.");
  static final ConfigKey<String> TOKEN =
      ConfigKey.string(
          "token",
          "",
          "any string",
          "Shared secret: reports must carry 'Authorization: Bearer <token>'; empty accepts all.");
  static final ConfigKey<Long> MAX_BODY =
      ConfigKey.size("max-body", "1048576", 1024, 64 << 20, "Largest accepted report.");
  static final ConfigKey<Long> SNAPSHOT_EVERY =
      ConfigKey.duration(
          "snapshot-every",
          "10s",
          SECOND,
          HOUR,
          null,
          "How often the window is written to the storage dir (and at stop).");
  static final ConfigKey<Long> MAX_AGENTS =
      ConfigKey.integer(
          "max-agents",
          "1000",
          1,
          100_000,
          "1 to 100000",
          "Distinct agent identities kept; reports from more are refused (429).");
  static final ConfigKey<Long> REFRESH =
      ConfigKey.duration(
          "refresh", "5s", SECOND, HOUR, null, "How often the dashboard page reloads itself.");
  static final ConfigKey<String> PROTECT_READS =
      ConfigKey.choice(
          "protect-reads",
          "false",
          "true: GET /, /api/agents and /metrics need the --token too (Authorization: Bearer); /healthz stays open.",
          "true",
          "false");
  static final ConfigKey<String> WEBHOOK =
      ConfigKey.string(
          "webhook",
          "",
          "an http:// or https:// URL",
          "POST a JSON notification (Alertmanager webhook shape) here when an alert fires or resolves; empty sends none.");
  static final ConfigKey<String> WEBHOOK_TOKEN =
      ConfigKey.string(
          "webhook-token",
          "",
          "any string without line breaks",
          "Sent to the webhook as 'Authorization: Bearer <token>'; empty sends none.");
  static final ConfigKey<Long> ALERT_FOR =
      ConfigKey.integer(
          "alert-for",
          "3",
          0,
          1000,
          "0 to 1000 (report intervals)",
          "Hold of the level rules (spool near full, unflushed too old, channel stuck): the condition must hold this many of the agent's intervals.");
  static final ConfigKey<Long> ALERT_CLEAR =
      ConfigKey.integer(
          "alert-clear",
          "3",
          1,
          1000,
          "1 to 1000 (report intervals)",
          "A firing alert clears only after its condition was false this many intervals (no flapping).");
  static final ConfigKey<Long> ALERT_LOOKBACK =
      ConfigKey.duration(
          "alert-lookback",
          "2m",
          SECOND,
          HOUR,
          null,
          "'Grew' means grew since the report this long ago; keep it above the sink's retry.maxBackoff.");
  static final ConfigKey<Long> ALERT_FAILURES =
      ConfigKey.duration(
          "alert-failures",
          "5m",
          0,
          DAY,
          null,
          "Failure counters (HdfsWriteFailures, SpoolWriteFailures, ...Fail...) growing this long: write_failures (critical).");
  static final ConfigKey<Long> ALERT_RECOVERY =
      ConfigKey.duration(
          "alert-recovery",
          "10m",
          SECOND,
          DAY,
          null,
          "A sink still Recovering after this long: recovery_stuck (critical).");
  static final ConfigKey<Long> ALERT_LAG_GROWING =
      ConfigKey.duration(
          "alert-lag-growing",
          "10m",
          SECOND,
          DAY,
          null,
          "Kafka lag growing for this long: lag_growing.");
  static final ConfigKey<Long> ALERT_UNFLUSHED_AGE =
      ConfigKey.duration(
          "alert-unflushed-age",
          "15m",
          SECOND,
          DAY,
          null,
          "OldestUnflushedAgeMillis above this: unflushed_too_old (the sink's default member.maxAge 2m + append.maxAge 10m, plus slack).");
  static final ConfigKey<Long> ALERT_SPOOL_MIB =
      ConfigKey.integer(
          "alert-spool-mib",
          "8192",
          1,
          100L << 20,
          "1 to 104857600 (MiB)",
          "Spool at least this big: spool_near_full (80 % of the sink's default spool.maxBytes, 10 GB).");
  static final ConfigKey<Long> ALERT_FILL =
      ConfigKey.integer(
          "alert-fill",
          "90",
          1,
          100,
          "1 to 100 (percent)",
          "A channel at least this full that nothing takes from over the lookback: channel_stuck. A full channel that drains is backpressure, not an alert.");

  /** Every option, in the order of the README table. */
  static final List<ConfigKey<?>> OPTIONS =
      List.of(
          BIND,
          PORT,
          STORAGE_DIR,
          WINDOW,
          STALE_INTERVALS,
          TOKEN,
          MAX_BODY,
          SNAPSHOT_EVERY,
          MAX_AGENTS,
          REFRESH,
          PROTECT_READS,
          WEBHOOK,
          WEBHOOK_TOKEN,
          ALERT_FOR,
          ALERT_CLEAR,
          ALERT_LOOKBACK,
          ALERT_FAILURES,
          ALERT_RECOVERY,
          ALERT_LAG_GROWING,
          ALERT_UNFLUSHED_AGE,
          ALERT_SPOOL_MIB,
          ALERT_FILL);

  /**
   * The README's option table, written from {@link #OPTIONS} (ReadmeTest keeps the README in step).
   */
  static String markdownTable() {
    return KeyTable.withHeaders("option", "default", "allowed", "what")
        .namePrefix("--")
        .keys(OPTIONS)
        .markdown();
  }

  static CollectorSettings fromArgs(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    OPTIONS.forEach(o -> values.put(o.name(), o.defaultValue()));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !values.containsKey(arg.substring(2))) {
        throw new IllegalArgumentException("unknown option '" + arg + "'; options: " + names());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + arg + " needs a value");
      }
      values.put(arg.substring(2), args[++i]);
    }
    boolean protectReads = value(values, PROTECT_READS).equals("true");
    if (protectReads && values.get("token").isEmpty()) {
      throw new IllegalArgumentException(
          "--protect-reads true needs a --token (the reads are protected by it)");
    }
    if (values.get("webhook-token").contains("\n") || values.get("webhook-token").contains("\r")) {
      throw invalid("webhook-token", "(a value with a line break)");
    }
    return new CollectorSettings(
        values.get("bind"),
        value(values, PORT).intValue(),
        Path.of(values.get("storage-dir")),
        Duration.ofMillis(value(values, WINDOW)),
        value(values, STALE_INTERVALS).intValue(),
        values.get("token"),
        value(values, MAX_BODY).intValue(),
        Duration.ofMillis(value(values, SNAPSHOT_EVERY)),
        value(values, MAX_AGENTS).intValue(),
        Duration.ofMillis(value(values, REFRESH)),
        new AlertRules.Thresholds(
            value(values, ALERT_FOR).intValue(),
            value(values, ALERT_CLEAR).intValue(),
            value(values, ALERT_LOOKBACK),
            value(values, ALERT_RECOVERY),
            value(values, ALERT_LAG_GROWING),
            value(values, ALERT_UNFLUSHED_AGE),
            value(values, ALERT_FAILURES),
            value(values, ALERT_SPOOL_MIB) << 20,
            value(values, ALERT_FILL).intValue()),
        url(values, "webhook"),
        values.get("webhook-token"),
        protectReads);
  }

  private static String names() {
    return OPTIONS.stream().map(o -> "--" + o.name()).toList().toString();
  }

  private static <T> T value(Map<String, String> values, ConfigKey<T> key) {
    String raw = values.get(key.name()).trim();
    try {
      return key.parse(raw);
    } catch (IllegalArgumentException e) {
      throw invalid(key.name(), raw);
    }
  }

  private static String url(Map<String, String> values, String name) {
    String raw = values.get(name).trim();
    if (raw.isEmpty()) {
      return raw;
    }
    try {
      java.net.URI uri = new java.net.URI(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return raw;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw invalid(name, raw);
  }

  private static IllegalArgumentException invalid(String name, String value) {
    ConfigKey<?> option =
        OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    return new IllegalArgumentException(
        "--" + name + " '" + value + "' is not allowed: expected " + option.allowed());
  }
}
