package io.accesslog.flume.interceptor;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key of the interceptor, with default, allowed values and doc. Keys are
 * relative to the interceptor, e.g. {@code a1.sources.k.interceptors.al.format}.
 */
final class ConfigKeys {
  static final ConfigKey NAME = new ConfigKey("name", "accesslog",
      "1-64 chars of [A-Za-z0-9._-]",
      "Counter group name: monitoring shows it as INTERCEPTOR.<name>. Interceptors sharing a name "
          + "share (add up) one counter group.");
  static final ConfigKey FORMAT = new ConfigKey("format", "nginx", "nginx, json, regex",
      "How lines are split into fields.");
  static final ConfigKey NGINX_LOG_FORMAT = new ConfigKey("nginx.logFormat", "combined",
      "combined, a format string, quoted parts, or a whole log_format directive",
      "The nginx log_format the lines were written with; field names are its variable names "
          + "without $.");
  static final ConfigKey REGEX = new ConfigKey("regex", null,
      "a Java regex with named groups",
      "Required when format=regex; field names are the group names (letters and digits only).");
  static final ConfigKey TIME_FIELD = new ConfigKey("time.field", "time_local", "a field name",
      "Field holding the request time.");
  static final ConfigKey TIME_FORMAT = new ConfigKey("time.format", "auto",
      "auto, " + TimeParsers.ALLOWED,
      "How to read time.field. auto: from the nginx variable name ($time_local, $time_iso8601, "
          + "$msec); other formats must set it.");
  static final ConfigKey TIME_ZONE = new ConfigKey("time.zone", "UTC", "a java.time ZoneId",
      "Zone for time values that carry no offset (iso8601 without offset, patterns without "
          + "zone). Values with an offset ignore it.");
  static final ConfigKey TIME_MAX_AGE = new ConfigKey("time.maxAge", "7d",
      "<n>ms|s|m|h|d, > 0", "Older event times go to the error bucket (time_too_old).");
  static final ConfigKey TIME_MAX_SKEW = new ConfigKey("time.maxSkew", "1h",
      "<n>ms|s|m|h|d, >= 0", "Event times further in the future go to the error bucket "
          + "(time_in_future).");
  static final ConfigKey TIME_FALLBACK_HEADER = new ConfigKey("time.fallbackHeader", "timestamp",
      "a header name",
      "For error events: epoch-millis header read before it is overwritten (the Kafka record "
          + "time when the source sets it, ingestion time with the stock source); used when "
          + "inside the time window, else the current time.");
  static final ConfigKey APP_FROM = new ConfigKey("app.from", "field:host", ValueSource.ALLOWED,
      "Source of the app header. nginx's combined format has no $host: with it, choose another "
          + "source (e.g. map:header:topic or static:<app>).");
  static final ConfigKey HOST_FROM = new ConfigKey("host.from", "header:key", ValueSource.ALLOWED,
      "Source of the host header (default: the Kafka record key).");
  static final ConfigKey TYPE_FROM = new ConfigKey("type.from", "static:access",
      ValueSource.ALLOWED, "Source of the type header.");
  static final ConfigKey APP_MAP_DEFAULT = new ConfigKey("app.mapDefault", null,
      "a safe path component", "With app.from=map:..., the app for inputs not in app.map.*; "
          + "unset: such lines are errors (unmapped_value).");
  static final ConfigKey HOST_MAP_DEFAULT = new ConfigKey("host.mapDefault", null,
      "a safe path component", "As app.mapDefault, for host.");
  static final ConfigKey TYPE_MAP_DEFAULT = new ConfigKey("type.mapDefault", null,
      "a safe path component", "As app.mapDefault, for type.");
  static final ConfigKey LINE_MAX_BYTES = new ConfigKey("line.maxBytes", "65536",
      "64..67108864", "Longer bodies are not parsed and go to the error bucket (line_too_long).");
  static final ConfigKey VALUE_MAX_LENGTH = new ConfigKey("value.maxLength", "64", "10..64",
      "Longest app/host/type value; a longer one is cut and marked with ~ and a hash (see "
          + "'Sanitizing values'). At most 64, the gzip HDFS sink's limit, so the sink never "
          + "rewrites a value again.");
  static final ConfigKey ERROR_TYPE = new ConfigKey("error.type", "_error",
      "a safe path component, or _ followed by one",
      "type header of error events. The leading _ hides the bucket from Hadoop/Hive/Spark input "
          + "globs over the root; use e.g. 'error' to make it visible.");
  static final ConfigKey ERROR_UNKNOWN = new ConfigKey("error.unknownValue", "unknown",
      "a safe path component", "app/host of an error event when its source yields nothing.");
  static final ConfigKey ON_ERROR = new ConfigKey("onError", "route", "route, drop",
      "route: keep bad lines in the error bucket; drop: discard them (still counted).");

  /** Per-component tables: {@code app.map.<input> = <value>}. */
  static final String MAP_INFIX = ".map.";

  static final List<ConfigKey> ALL = Collections.unmodifiableList(Arrays.asList(
      NAME, FORMAT, NGINX_LOG_FORMAT, REGEX, TIME_FIELD, TIME_FORMAT, TIME_ZONE, TIME_MAX_AGE,
      TIME_MAX_SKEW, TIME_FALLBACK_HEADER, APP_FROM, HOST_FROM, TYPE_FROM, APP_MAP_DEFAULT,
      HOST_MAP_DEFAULT, TYPE_MAP_DEFAULT, LINE_MAX_BYTES, VALUE_MAX_LENGTH, ERROR_TYPE,
      ERROR_UNKNOWN, ON_ERROR));

  private ConfigKeys() {}

  /** The README's key table, generated so docs and code cannot drift apart. */
  static String markdownTable() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Key | Default | Allowed | Meaning |\n|---|---|---|---|\n");
    for (ConfigKey k : ALL) {
      sb.append("| `").append(k.name).append("` | ")
          .append(k.defaultValue == null ? "(none)" : "`" + k.defaultValue + "`").append(" | ")
          .append(k.allowed.replace("|", "\\|")).append(" | ")
          .append(k.doc.replace("|", "\\|")).append(" |\n");
    }
    sb.append("| `app.map.<input>`, `host.map.<input>`, `type.map.<input>` | (none) | "
        + "a safe path component | Table for map: sources; <input> is matched lower-cased. |\n");
    return sb.toString();
  }
}
