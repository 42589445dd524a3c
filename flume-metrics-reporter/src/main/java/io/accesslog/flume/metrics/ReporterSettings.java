package io.accesslog.flume.metrics;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.KeyTable;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporter's settings, parsed once from the {@code flume.monitoring.*} system properties (Flume
 * strips the prefix before {@code configure(Context)}). Immutable; tests build it directly.
 */
final class ReporterSettings {
  private static final Logger LOG = LoggerFactory.getLogger(ReporterSettings.class);

  static final ConfigKey<String> URL =
      ConfigKey.string(
          "url",
          null,
          "an http:// or https:// URL",
          "Where to POST reports: the collector's /report endpoint.");
  static final ConfigKey<Long> INTERVAL =
      ConfigKey.duration(
              "interval", "10s", 1_000, 3_600_000, null, "How often a report is taken and sent.")
          .bareNumberIn(TimeUnit.SECONDS);
  static final ConfigKey<String> IDENTITY =
      ConfigKey.string(
          "identity",
          "<host>/<agent>",
          "1 to 200 characters",
          "Names this agent on the collector; unique per agent.");
  static final ConfigKey<String> AGENT =
      ConfigKey.string(
          "agent", "<the agent's -n name>", "1 to 200 characters", "Agent name put in the report.");
  static final ConfigKey<Long> TIMEOUT =
      ConfigKey.duration(
              "timeout", "5s", 100, 300_000, null, "Connect timeout and read timeout of one POST.")
          .bareNumberIn(TimeUnit.SECONDS);
  static final ConfigKey<String> TOKEN =
      ConfigKey.string(
          "token",
          "",
          "any string without line breaks",
          "Shared secret sent as 'Authorization: Bearer <token>'; empty sends none.");
  static final ConfigKey<Long> BACKLOG =
      ConfigKey.integer(
          "backlog",
          "100",
          1,
          100_000,
          "1 to 100000",
          "Unsent reports kept while the collector is unreachable; the oldest is dropped (and counted) beyond it.");
  static final ConfigKey<Long> MAX_BACKOFF =
      ConfigKey.duration(
              "maxBackoff",
              "60s",
              1_000,
              3_600_000,
              "interval to 1h",
              "Longest wait between attempts while the collector fails; waits double from one interval "
                  + "up to this.")
          .bareNumberIn(TimeUnit.SECONDS);

  static final ConfigKey<Long> HTTP_PORT =
      ConfigKey.integer(
          "httpPort",
          "",
          1,
          65_535,
          "empty, or a port 1 to 65535",
          "Also serve Flume's own HTTP /metrics (what -Dflume.monitoring.type=http serves) on this port, from this one "
              + "monitor: Flume runs one monitor per agent. Empty: push only.");

  static final List<ConfigKey<?>> KEYS =
      Collections.unmodifiableList(
          Arrays.asList(
              URL, INTERVAL, IDENTITY, AGENT, TIMEOUT, TOKEN, BACKLOG, MAX_BACKOFF, HTTP_PORT));

  private static final int MAX_NAME = 200;

  /** The README's key table, written from {@link #KEYS} (ReadmeTest keeps the README in step). */
  static String markdownTable() {
    return KeyTable.withHeaders("key (`-Dflume.monitoring.<key>`)", "default", "allowed", "what")
        .noDefault("(required)")
        .keys(KEYS)
        .markdown();
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

  ReporterSettings(
      URL url,
      long intervalMillis,
      String identity,
      String agent,
      String host,
      int timeoutMillis,
      String token,
      int backlog,
      long maxBackoffMillis) {
    this(
        url,
        intervalMillis,
        identity,
        agent,
        host,
        timeoutMillis,
        token,
        backlog,
        maxBackoffMillis,
        0);
  }

  ReporterSettings(
      URL url,
      long intervalMillis,
      String identity,
      String agent,
      String host,
      int timeoutMillis,
      String token,
      int backlog,
      long maxBackoffMillis,
      int httpPort) {
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
    return parse(context, host, defaultAgent, LOG::warn);
  }

  /**
   * @param deprecations told about each value written in a deprecated form
   */
  static ReporterSettings parse(
      Context context, String host, String defaultAgent, Consumer<String> deprecations) {
    URL url = url(required(context, URL));
    long interval = value(context, INTERVAL, deprecations);
    long timeout = value(context, TIMEOUT, deprecations);
    String agent = name(context, AGENT, defaultAgent);
    String identity = name(context, IDENTITY, host + "/" + agent);
    String token = context.getString(TOKEN.name(), TOKEN.defaultValue());
    if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
      throw invalid(TOKEN, "<hidden>");
    }
    long backlog = value(context, BACKLOG, deprecations);
    long maxBackoff = value(context, MAX_BACKOFF, deprecations);
    if (maxBackoff < interval) {
      throw invalid(
          MAX_BACKOFF, context.getString(MAX_BACKOFF.name(), MAX_BACKOFF.defaultValue()).trim());
    }
    String port = context.getString(HTTP_PORT.name(), HTTP_PORT.defaultValue()).trim();
    long httpPort = port.isEmpty() ? 0 : value(context, HTTP_PORT, deprecations);
    return new ReporterSettings(
        url,
        interval,
        identity,
        agent,
        host,
        (int) timeout,
        token.trim(),
        (int) backlog,
        maxBackoff,
        (int) httpPort);
  }

  private static String required(Context context, ConfigKey<?> key) {
    String raw = context.getString(key.name());
    if (raw == null || raw.trim().isEmpty()) {
      throw new ConfigurationException(
          "flume.monitoring."
              + key.name()
              + " is required ("
              + key.allowed()
              + "), e.g. -Dflume.monitoring."
              + key.name()
              + "=http://collector:9099/report");
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

  private static String name(Context context, ConfigKey<?> key, String fallback) {
    String raw = context.getString(key.name());
    String value = raw == null ? fallback : raw.trim();
    if (value.isEmpty() || value.length() > MAX_NAME) {
      throw invalid(key, value);
    }
    return value;
  }

  private static <T> T value(Context context, ConfigKey<T> key, Consumer<String> deprecations) {
    String raw = context.getString(key.name(), key.defaultValue()).trim();
    try {
      return key.parse(raw, message -> deprecations.accept("flume.monitoring." + message));
    } catch (IllegalArgumentException e) {
      throw invalid(key, raw);
    }
  }

  private static ConfigurationException invalid(ConfigKey<?> key, String value) {
    return new ConfigurationException(
        "flume.monitoring."
            + key.name()
            + " = '"
            + value
            + "' is not allowed: expected "
            + key.allowed());
  }
}
