package io.accesslog.flume.collector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The collector's settings, parsed once from {@code --key value} arguments. A bad value fails naming
 * the option, the value and what is allowed.
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

  /** One option: name, default, allowed values, doc (the README table is written from these). */
  record Option(String name, String defaultValue, String allowed, String doc) { }

  static final List<Option> OPTIONS = List.of(
      new Option("bind", "127.0.0.1", "an address of this machine", "Address to listen on; 0.0.0.0 accepts agents on other machines."),
      new Option("port", "9099", "0 to 65535 (0: any free port, printed at start)", "HTTP port: POST /report, GET / (dashboard), /api/agents, /metrics."),
      new Option("storage-dir", "collector-data", "a writable directory", "Where the window is snapshotted, so a restart keeps it."),
      new Option("window", "15m", "1m to 7d (s, m, h, d)", "How much history is kept per agent."),
      new Option("stale-intervals", "3", "1 to 1000", "An agent is STALE after this many of its report intervals without a report."),
      new Option("token", "", "any string", "Shared secret: reports must carry 'Authorization: Bearer <token>'; empty accepts all."),
      new Option("max-body", "1048576", "1024 to 67108864 (bytes)", "Largest accepted report."),
      new Option("snapshot-every", "10s", "1s to 1h", "How often the window is written to the storage dir (and at stop)."),
      new Option("max-agents", "1000", "1 to 100000", "Distinct agent identities kept; reports from more are refused (429)."),
      new Option("refresh", "5s", "1s to 1h", "How often the dashboard page reloads itself."),
      new Option("protect-reads", "false", "true or false", "true: GET /, /api/agents and /metrics need the --token too (Authorization: Bearer); /healthz stays open."),
      new Option("webhook", "", "an http:// or https:// URL", "POST a JSON notification (Alertmanager webhook shape) here when an alert fires or resolves; empty sends none."),
      new Option("webhook-token", "", "any string without line breaks", "Sent to the webhook as 'Authorization: Bearer <token>'; empty sends none."),
      new Option("alert-for", "3", "0 to 1000 (report intervals)", "Hold of the level rules (spool near full, unflushed too old, channel stuck): the condition must hold this many of the agent's intervals."),
      new Option("alert-clear", "3", "1 to 1000 (report intervals)", "A firing alert clears only after its condition was false this many intervals (no flapping)."),
      new Option("alert-lookback", "2m", "1s to 1h", "'Grew' means grew since the report this long ago; keep it above the sink's retry.maxBackoff."),
      new Option("alert-failures", "5m", "0s to 1d", "Failure counters (HdfsWriteFailures, SpoolWriteFailures, ...Fail...) growing this long: write_failures (critical)."),
      new Option("alert-recovery", "10m", "1s to 1d", "A sink still Recovering after this long: recovery_stuck (critical)."),
      new Option("alert-lag-growing", "10m", "1s to 1d", "Kafka lag growing for this long: lag_growing."),
      new Option("alert-unflushed-age", "15m", "1s to 1d", "OldestUnflushedAgeMillis above this: unflushed_too_old (the sink's default member.maxAge 2m + append.maxAge 10m, plus slack)."),
      new Option("alert-spool-mib", "8192", "1 to 104857600 (MiB)", "Spool at least this big: spool_near_full (80 % of the sink's default spool.maxBytes, 10 GB)."),
      new Option("alert-fill", "90", "1 to 100 (percent)", "A channel at least this full that nothing takes from over the lookback: channel_stuck. A full channel that drains is backpressure, not an alert."));

  /** The README's option table, written from {@link #OPTIONS} (ReadmeTest keeps the README in step). */
  static String markdownTable() {
    StringBuilder table = new StringBuilder("| option | default | allowed | what |\n|---|---|---|---|\n");
    for (Option o : OPTIONS) {
      table.append("| `--").append(o.name()).append("` | ")
          .append(o.defaultValue().isEmpty() ? "(empty)" : "`" + o.defaultValue() + "`")
          .append(" | ").append(o.allowed()).append(" | ").append(o.doc()).append(" |\n");
    }
    return table.toString();
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
    if (bool(values, "protect-reads") && values.get("token").isEmpty()) {
      throw new IllegalArgumentException("--protect-reads true needs a --token (the reads are protected by it)");
    }
    if (values.get("webhook-token").contains("\n") || values.get("webhook-token").contains("\r")) {
      throw invalid("webhook-token", "(a value with a line break)");
    }
    return new CollectorSettings(
        values.get("bind"),
        (int) integer(values, "port", 0, 65_535),
        Path.of(values.get("storage-dir")),
        duration(values, "window", Duration.ofMinutes(1), Duration.ofDays(7)),
        (int) integer(values, "stale-intervals", 1, 1000),
        values.get("token"),
        (int) integer(values, "max-body", 1024, 64 << 20),
        duration(values, "snapshot-every", Duration.ofSeconds(1), Duration.ofHours(1)),
        (int) integer(values, "max-agents", 1, 100_000),
        duration(values, "refresh", Duration.ofSeconds(1), Duration.ofHours(1)),
        new AlertRules.Thresholds(
            (int) integer(values, "alert-for", 0, 1000),
            (int) integer(values, "alert-clear", 1, 1000),
            duration(values, "alert-lookback", Duration.ofSeconds(1), Duration.ofHours(1)).toMillis(),
            duration(values, "alert-recovery", Duration.ofSeconds(1), Duration.ofDays(1)).toMillis(),
            duration(values, "alert-lag-growing", Duration.ofSeconds(1), Duration.ofDays(1)).toMillis(),
            duration(values, "alert-unflushed-age", Duration.ofSeconds(1), Duration.ofDays(1)).toMillis(),
            duration(values, "alert-failures", Duration.ZERO, Duration.ofDays(1)).toMillis(),
            integer(values, "alert-spool-mib", 1, 100L << 20) << 20,
            (int) integer(values, "alert-fill", 1, 100)),
        url(values, "webhook"),
        values.get("webhook-token"),
        bool(values, "protect-reads"));
  }

  private static String names() {
    return OPTIONS.stream().map(o -> "--" + o.name()).toList().toString();
  }

  private static long integer(Map<String, String> values, String name, long min, long max) {
    String raw = values.get(name).trim();
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(name, raw);
  }

  private static Duration duration(Map<String, String> values, String name, Duration min, Duration max) {
    String raw = values.get(name).trim().toLowerCase(Locale.ROOT);
    Duration value = null;
    if (raw.length() > 1 && Character.isDigit(raw.charAt(0))) {
      String number = raw.substring(0, raw.length() - 1);
      try {
        long n = Long.parseLong(number);
        value = switch (raw.charAt(raw.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          case 'd' -> Duration.ofDays(n);
          default -> null;
        };
      } catch (NumberFormatException e) {
        value = null;
      }
    }
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw invalid(name, raw);
    }
    return value;
  }

  private static String url(Map<String, String> values, String name) {
    String raw = values.get(name).trim();
    if (raw.isEmpty()) {
      return raw;
    }
    try {
      java.net.URI uri = new java.net.URI(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return raw;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw invalid(name, raw);
  }

  private static boolean bool(Map<String, String> values, String name) {
    String raw = values.get(name).trim().toLowerCase(Locale.ROOT);
    if (!raw.equals("true") && !raw.equals("false")) {
      throw invalid(name, raw);
    }
    return raw.equals("true");
  }

  private static IllegalArgumentException invalid(String name, String value) {
    Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    return new IllegalArgumentException("--" + name + " '" + value + "' is not allowed: expected " + option.allowed());
  }
}
