package io.accesslog.flume.metrics;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * The reporter's settings, parsed once from the {@code flume.monitoring.*} system properties (Flume
 * strips the prefix before {@code configure(Context)}). Immutable; tests build it directly.
 */
final class ReporterSettings {
  /** One key: name, default as written in a properties file ({@code null} = required), allowed values, doc. */
  static final class Key {
    final String name;
    final String defaultValue;
    final String allowed;
    final String doc;

    Key(String name, String defaultValue, String allowed, String doc) {
      this.name = name;
      this.defaultValue = defaultValue;
      this.allowed = allowed;
      this.doc = doc;
    }
  }

  static final Key URL = new Key("url", null, "an http:// or https:// URL",
      "Where to POST reports: the collector's /report endpoint.");
  static final Key INTERVAL = new Key("interval", "10s", "1s to 1h (ms, s, m, h; a bare number is seconds)",
      "How often a report is taken and sent.");
  static final Key IDENTITY = new Key("identity", "<host>/<agent>", "1 to 200 characters",
      "Names this agent on the collector; unique per agent.");
  static final Key AGENT = new Key("agent", "<the agent's -n name>", "1 to 200 characters",
      "Agent name put in the report.");
  static final Key TIMEOUT = new Key("timeout", "5s", "100ms to 5m",
      "Connect timeout and read timeout of one POST.");
  static final Key TOKEN = new Key("token", "", "any string without line breaks",
      "Shared secret sent as 'Authorization: Bearer <token>'; empty sends none.");
  static final Key BACKLOG = new Key("backlog", "100", "1 to 100000",
      "Unsent reports kept while the collector is unreachable; the oldest is dropped (and counted) beyond it.");
  static final Key MAX_BACKOFF = new Key("maxBackoff", "60s", "interval to 1h",
      "Longest wait between attempts while the collector fails; waits double from one interval up to this.");

  static final Key HTTP_PORT = new Key("httpPort", "", "empty, or a port 1 to 65535",
      "Also serve Flume's own HTTP /metrics (what -Dflume.monitoring.type=http serves) on this port, from this one "
          + "monitor: Flume runs one monitor per agent. Empty: push only.");

  static final List<Key> KEYS = Collections.unmodifiableList(
      Arrays.asList(URL, INTERVAL, IDENTITY, AGENT, TIMEOUT, TOKEN, BACKLOG, MAX_BACKOFF, HTTP_PORT));

  private static final int MAX_NAME = 200;

  /** The README's key table, written from {@link #KEYS} (ReadmeTest keeps the README in step). */
  static String markdownTable() {
    StringBuilder table = new StringBuilder("| key (`-Dflume.monitoring.<key>`) | default | allowed | what |\n|---|---|---|---|\n");
    for (Key key : KEYS) {
      table.append("| `").append(key.name).append("` | ")
          .append(key.defaultValue == null ? "(required)" : key.defaultValue.isEmpty() ? "(empty)" : "`" + key.defaultValue + "`")
          .append(" | ").append(key.allowed).append(" | ").append(key.doc).append(" |\n");
    }
    return table.toString();
  }

  final URL url;
  final long intervalMillis;
  final String identity;
  final String agent;
  final String host;
  final int timeoutMillis;
  final String token;
  final int backlog;
  final long maxBackoffMillis;
  /** 0: no HTTP /metrics. */
  final int httpPort;

  ReporterSettings(URL url, long intervalMillis, String identity, String agent, String host,
      int timeoutMillis, String token, int backlog, long maxBackoffMillis) {
    this(url, intervalMillis, identity, agent, host, timeoutMillis, token, backlog, maxBackoffMillis, 0);
  }

  ReporterSettings(URL url, long intervalMillis, String identity, String agent, String host,
      int timeoutMillis, String token, int backlog, long maxBackoffMillis, int httpPort) {
    this.httpPort = httpPort;
    this.url = url;
    this.intervalMillis = intervalMillis;
    this.identity = identity;
    this.agent = agent;
    this.host = host;
    this.timeoutMillis = timeoutMillis;
    this.token = token;
    this.backlog = backlog;
    this.maxBackoffMillis = maxBackoffMillis;
  }

  /**
   * @param host this machine's name (for the default identity)
   * @param defaultAgent the agent name when {@code agent} is not set
   */
  static ReporterSettings parse(Context context, String host, String defaultAgent) {
    URL url = url(required(context, URL));
    long interval = millis(context, INTERVAL, 1_000, 3_600_000);
    long timeout = millis(context, TIMEOUT, 100, 300_000);
    String agent = name(context, AGENT, defaultAgent);
    String identity = name(context, IDENTITY, host + "/" + agent);
    String token = context.getString(TOKEN.name, TOKEN.defaultValue);
    if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
      throw invalid(TOKEN, "<hidden>");
    }
    long backlog = integer(context, BACKLOG, 1, 100_000);
    long maxBackoff = millis(context, MAX_BACKOFF, interval, 3_600_000);
    String port = context.getString(HTTP_PORT.name, HTTP_PORT.defaultValue).trim();
    long httpPort = port.isEmpty() ? 0 : integer(context, HTTP_PORT, 1, 65_535);
    return new ReporterSettings(url, interval, identity, agent, host, (int) timeout, token.trim(),
        (int) backlog, maxBackoff, (int) httpPort);
  }

  private static String required(Context context, Key key) {
    String raw = context.getString(key.name);
    if (raw == null || raw.trim().isEmpty()) {
      throw new ConfigurationException("flume.monitoring." + key.name + " is required (" + key.allowed
          + "), e.g. -Dflume.monitoring." + key.name + "=http://collector:9099/report");
    }
    return raw.trim();
  }

  private static URL url(String raw) {
    try {
      URL url = new URL(raw);
      String protocol = url.getProtocol().toLowerCase(Locale.ROOT);
      if ((protocol.equals("http") || protocol.equals("https")) && !url.getHost().isEmpty()) {
        return url;
      }
    } catch (MalformedURLException e) {
      // reported below with the key and value
    }
    throw invalid(URL, raw);
  }

  private static String name(Context context, Key key, String fallback) {
    String raw = context.getString(key.name);
    String value = raw == null ? fallback : raw.trim();
    if (value.isEmpty() || value.length() > MAX_NAME) {
      throw invalid(key, value);
    }
    return value;
  }

  private static long integer(Context context, Key key, long min, long max) {
    String raw = context.getString(key.name, key.defaultValue).trim();
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the key and value
    }
    throw invalid(key, raw);
  }

  private static long millis(Context context, Key key, long min, long max) {
    String raw = context.getString(key.name, key.defaultValue).trim();
    long value = parseDuration(raw);
    if (value < min || value > max) {
      throw invalid(key, raw);
    }
    return value;
  }

  /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; a bare number is seconds; -1 if unreadable. */
  static long parseDuration(String raw) {
    String text = raw.trim().toLowerCase(Locale.ROOT);
    long unit = 1000;
    if (text.endsWith("ms")) {
      unit = 1;
      text = text.substring(0, text.length() - 2);
    } else if (text.endsWith("s")) {
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("m")) {
      unit = 60_000;
      text = text.substring(0, text.length() - 1);
    } else if (text.endsWith("h")) {
      unit = 3_600_000;
      text = text.substring(0, text.length() - 1);
    }
    try {
      long value = Long.parseLong(text.trim());
      return value < 0 || value > Long.MAX_VALUE / unit ? -1 : value * unit;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ConfigurationException invalid(Key key, String value) {
    return new ConfigurationException("flume.monitoring." + key.name + " = '" + value
        + "' is not allowed: expected " + key.allowed);
  }
}
