package io.accesslog.flume.interceptor;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.KeyTable;
import io.accesslog.flume.core.PathRule;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * Every configuration key of the interceptor, with default, allowed values and doc
 * (accesslog-core's {@link ConfigKey}), and how the interceptor reads them from Flume's {@link
 * Context}. Keys are relative to the interceptor, e.g. {@code a1.sources.k.interceptors.al.format}.
 */
final class ConfigKeys {
  static final ConfigKey<String> NAME =
      ConfigKey.string(
          "name",
          "accesslog",
          "1-64 chars of [A-Za-z0-9._-]",
          "Counter group name: monitoring shows it as INTERCEPTOR.<name>. Interceptors sharing a name "
              + "share (add up) one counter group.");
  static final ConfigKey<String> FORMAT =
      ConfigKey.string("format", "nginx", "nginx, json, regex", "How lines are split into fields.");
  static final ConfigKey<String> NGINX_LOG_FORMAT =
      ConfigKey.string(
          "nginx.logFormat",
          "combined",
          "combined, a format string, quoted parts, or a whole log_format directive",
          "The nginx log_format the lines were written with; field names are its variable names "
              + "without $.");
  static final ConfigKey<String> REGEX =
      ConfigKey.string(
          "regex",
          null,
          "a Java regex with named groups",
          "Required when format=regex; field names are the group names (letters and digits only).");
  static final ConfigKey<String> TIME_FIELD =
      ConfigKey.string(
          "time.field", "time_local", "a field name", "Field holding the request time.");
  static final ConfigKey<String> TIME_FORMAT =
      ConfigKey.string(
          "time.format",
          "auto",
          "auto, " + TimeParsers.ALLOWED,
          "How to read time.field. auto: from the nginx variable name ($time_local, $time_iso8601, "
              + "$msec); other formats must set it.");
  static final ConfigKey<String> TIME_ZONE =
      ConfigKey.string(
          "time.zone",
          "UTC",
          "a java.time ZoneId",
          "Zone for time values that carry no offset (iso8601 without offset, patterns without "
              + "zone). Values with an offset ignore it.");
  // At least a minute: lines always arrive a little late, and a bare number now reads as
  // milliseconds (the one duration grammar), so "time.maxAge = 7" fails here instead of sending
  // every line to the error bucket.
  static final ConfigKey<Long> TIME_MAX_AGE =
      ConfigKey.duration(
          "time.maxAge",
          "7d",
          60_000L,
          Long.MAX_VALUE,
          "1m or more",
          "Older event times go to the error bucket (time_too_old).");
  static final ConfigKey<Long> TIME_MAX_SKEW =
      ConfigKey.duration(
          "time.maxSkew",
          "1h",
          0,
          Long.MAX_VALUE,
          "0 or more",
          "Event times further in the future go to the error bucket " + "(time_in_future).");
  static final ConfigKey<String> TIME_FALLBACK_HEADER =
      ConfigKey.string(
          "time.fallbackHeader",
          "timestamp",
          "a header name",
          "For error events: epoch-millis header read before it is overwritten (the Kafka record "
              + "time when the source sets it, ingestion time with the stock source); used when "
              + "inside the time window, else the current time.");
  static final ConfigKey<String> APP_FROM =
      ConfigKey.string(
          "app.from",
          "field:host",
          ValueSource.ALLOWED,
          "Source of the app header. nginx's combined format has no $host: with it, choose another "
              + "source (e.g. map:header:topic or static:<app>).");
  static final ConfigKey<String> HOST_FROM =
      ConfigKey.string(
          "host.from",
          "header:key",
          ValueSource.ALLOWED,
          "Source of the host header (default: the Kafka record key).");
  static final ConfigKey<String> TYPE_FROM =
      ConfigKey.string(
          "type.from", "static:access", ValueSource.ALLOWED, "Source of the type header.");
  static final ConfigKey<String> APP_MAP_DEFAULT =
      ConfigKey.string(
          "app.mapDefault",
          null,
          "a safe path component",
          "With app.from=map:..., the app for inputs not in app.map.*; "
              + "unset: such lines are errors (unmapped_value).");
  static final ConfigKey<String> HOST_MAP_DEFAULT =
      ConfigKey.string(
          "host.mapDefault", null, "a safe path component", "As app.mapDefault, for host.");
  static final ConfigKey<String> TYPE_MAP_DEFAULT =
      ConfigKey.string(
          "type.mapDefault", null, "a safe path component", "As app.mapDefault, for type.");
  static final ConfigKey<Long> LINE_MAX_BYTES =
      ConfigKey.size(
          "line.maxBytes",
          "65536",
          64,
          64 << 20,
          "Longer bodies are not parsed and go to the error bucket (line_too_long).");
  static final ConfigKey<Long> VALUE_MAX_LENGTH =
      ConfigKey.integer(
          "value.maxLength",
          "64",
          PathRule.MIN_LENGTH,
          PathRule.MAX_LENGTH,
          "10..64",
          "Longest app/host/type value; a longer one is cut and marked with ~ and a hash (see "
              + "'Sanitizing values'). At most 64, the gzip HDFS sink's limit, so the sink never "
              + "rewrites a value again.");
  static final ConfigKey<String> ERROR_TYPE =
      ConfigKey.string(
          "error.type",
          "_error",
          "a safe path component, or _ followed by one",
          "type header of error events. The leading _ hides the bucket from Hadoop/Hive/Spark input "
              + "globs over the root; use e.g. 'error' to make it visible.");
  static final ConfigKey<String> ERROR_UNKNOWN =
      ConfigKey.string(
          "error.unknownValue",
          "unknown",
          "a safe path component",
          "app/host of an error event when its source yields nothing.");
  static final ConfigKey<String> ON_ERROR =
      ConfigKey.choice(
          "onError",
          "route",
          "route: keep bad lines in the error bucket; drop: discard them (still counted).",
          "route",
          "drop");

  /** Per-component tables: {@code app.map.<input> = <value>}. */
  static final String MAP_INFIX = ".map.";

  static final List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              NAME,
              FORMAT,
              NGINX_LOG_FORMAT,
              REGEX,
              TIME_FIELD,
              TIME_FORMAT,
              TIME_ZONE,
              TIME_MAX_AGE,
              TIME_MAX_SKEW,
              TIME_FALLBACK_HEADER,
              APP_FROM,
              HOST_FROM,
              TYPE_FROM,
              APP_MAP_DEFAULT,
              HOST_MAP_DEFAULT,
              TYPE_MAP_DEFAULT,
              LINE_MAX_BYTES,
              VALUE_MAX_LENGTH,
              ERROR_TYPE,
              ERROR_UNKNOWN,
              ON_ERROR));

  private ConfigKeys() {}

  /** The README's key table, generated so docs and code cannot drift apart. */
  static String markdownTable() {
    return KeyTable.withHeaders("Key", "Default", "Allowed", "Meaning")
        .keys(ALL)
        .row(
            "`app.map.<input>`, `host.map.<input>`, `type.map.<input>`",
            "(none)",
            "a safe path component",
            "Table for map: sources; <input> is matched lower-cased.")
        .markdown();
  }

  /** The trimmed configured value, else the default (possibly null). */
  static String read(ConfigKey<?> key, Context context) {
    String v = context.getString(key.name());
    return v == null ? key.defaultValue() : v.trim();
  }

  /** A value that must be there: configured or defaulted. */
  static String require(ConfigKey<?> key, Context context, String why) {
    String v = read(key, context);
    if (v == null || v.isEmpty()) {
      throw new ConfigurationException(
          "accesslog interceptor: key '"
              + key.name()
              + "' must be set "
              + why
              + "; allowed: "
              + key.allowed());
    }
    return v;
  }

  /** The parsed value of a key that must be there (configured or defaulted). */
  static <T> T value(ConfigKey<T> key, Context context) {
    String v = require(key, context, "");
    try {
      return key.parse(v);
    } catch (IllegalArgumentException e) {
      throw invalid(key, v, e.getMessage(), e);
    }
  }

  static ConfigurationException invalid(ConfigKey<?> key, String value, String problem) {
    return invalid(key, value, problem, null);
  }

  static ConfigurationException invalid(
      ConfigKey<?> key, String value, String problem, Throwable cause) {
    return new ConfigurationException(
        "accesslog interceptor: key '"
            + key.name()
            + "' has invalid value '"
            + value
            + "': "
            + problem
            + "; allowed: "
            + key.allowed(),
        cause);
  }
}
