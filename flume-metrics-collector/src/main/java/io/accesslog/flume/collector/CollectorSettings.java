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
    int alertFillPercent,
    Duration refresh) {

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
      new Option("alert-fill", "90", "1 to 100 (percent)", "A channel at least this full puts its agent in ALERT."),
      new Option("refresh", "5s", "1s to 1h", "How often the dashboard page reloads itself."));

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
        (int) integer(values, "alert-fill", 1, 100),
        duration(values, "refresh", Duration.ofSeconds(1), Duration.ofHours(1)));
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

  private static IllegalArgumentException invalid(String name, String value) {
    Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    return new IllegalArgumentException("--" + name + " '" + value + "' is not allowed: expected " + option.allowed());
  }
}
