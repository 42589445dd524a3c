package io.accesslog.flume.interceptor;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.KeyNames;
import io.accesslog.flume.core.PathRule;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * Everything the interceptor needs, parsed and validated once from Flume's {@link Context}. Any bad
 * value throws {@link ConfigurationException} naming the key, the value and what is allowed;
 * unknown keys are rejected too, so a typo cannot silently fall back to a default.
 */
final class InterceptorSettings {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String[] COMPONENTS = {"app", "host", "type"};

  final String name;
  final LineParser parser;
  final List<String> fieldNames;
  final int timeField;
  final TimeParser timeParser;
  final long maxAgeMillis;
  final long maxSkewMillis;
  final String fallbackHeader;
  final ValueSource app;
  final ValueSource host;
  final ValueSource type;
  final int lineMaxBytes;
  final String errorType;
  final String unknownValue;
  final boolean dropOnError;

  /** A one-line summary for the startup log. */
  final String summary;

  private InterceptorSettings(Builder b) {
    name = b.name;
    parser = b.parser;
    fieldNames = b.fieldNames;
    timeField = b.timeField;
    timeParser = b.timeParser;
    maxAgeMillis = b.maxAgeMillis;
    maxSkewMillis = b.maxSkewMillis;
    fallbackHeader = b.fallbackHeader;
    app = b.sources[0];
    host = b.sources[1];
    type = b.sources[2];
    lineMaxBytes = b.lineMaxBytes;
    errorType = b.errorType;
    unknownValue = b.unknownValue;
    dropOnError = b.dropOnError;
    summary = b.summary;
  }

  static InterceptorSettings parse(Context context) {
    rejectUnknownKeys(context);
    Builder b = new Builder();
    b.name = ConfigKeys.read(ConfigKeys.NAME, context);
    if (!NAME.matcher(b.name).matches()) {
      throw ConfigKeys.invalid(ConfigKeys.NAME, b.name, "not a valid counter group name");
    }
    int maxLength = ConfigKeys.value(ConfigKeys.VALUE_MAX_LENGTH, context).intValue();
    PathRule sanitizer = new PathRule(maxLength, true);
    b.lineMaxBytes = ConfigKeys.value(ConfigKeys.LINE_MAX_BYTES, context).intValue();
    b.errorType = ConfigKeys.read(ConfigKeys.ERROR_TYPE, context);
    if (!sanitizer.isSafeErrorType(b.errorType)) {
      throw ConfigKeys.invalid(
          ConfigKeys.ERROR_TYPE,
          b.errorType,
          "use [a-z0-9._-], starting with a letter or"
              + " digit, or with '_' and then a letter or digit (hidden from Hadoop jobs on purpose), at"
              + " most "
              + sanitizer.maxLength()
              + " chars");
    }
    b.unknownValue =
        safe(
            ConfigKeys.ERROR_UNKNOWN,
            ConfigKeys.read(ConfigKeys.ERROR_UNKNOWN, context),
            sanitizer);
    String onError = ConfigKeys.value(ConfigKeys.ON_ERROR, context);
    b.dropOnError = onError.equals("drop");
    b.maxAgeMillis = ConfigKeys.value(ConfigKeys.TIME_MAX_AGE, context);
    b.maxSkewMillis = ConfigKeys.value(ConfigKeys.TIME_MAX_SKEW, context);
    b.fallbackHeader = ConfigKeys.require(ConfigKeys.TIME_FALLBACK_HEADER, context, "");

    // Fields first: the parser is compiled for exactly the fields the sources need.
    String format = ConfigKeys.read(ConfigKeys.FORMAT, context);
    String timeFieldName = ConfigKeys.require(ConfigKeys.TIME_FIELD, context, "");
    List<String> fields = new ArrayList<>();
    fields.add(timeFieldName);
    String[] specs = new String[3];
    for (int i = 0; i < 3; i++) {
      ConfigKey<?> key = fromKey(i);
      specs[i] = ConfigKeys.require(key, context, "");
      String field = fieldOf(key, specs[i]);
      if (field != null && !fields.contains(field)) {
        fields.add(field);
      }
    }
    b.fieldNames = Collections.unmodifiableList(fields);
    Set<String> available;
    String formatDescription;
    switch (format) {
      case "nginx":
        {
          String def = ConfigKeys.require(ConfigKeys.NGINX_LOG_FORMAT, context, "");
          NginxLogFormat compiled;
          try {
            compiled = NginxLogFormat.compile(def);
          } catch (IllegalArgumentException e) {
            throw ConfigKeys.invalid(ConfigKeys.NGINX_LOG_FORMAT, def, e.getMessage(), e);
          }
          available = compiled.variables();
          formatDescription = "nginx.logFormat (variables " + available + ")";
          b.parser = compiled.scanner(fields);
          break;
        }
      case "json":
        available = null; // any key may appear in a JSON line
        formatDescription = "json";
        b.parser = new JsonLineParser(fields);
        break;
      case "regex":
        {
          String regex = ConfigKeys.require(ConfigKeys.REGEX, context, "when format=regex");
          Pattern pattern;
          try {
            pattern = Pattern.compile(regex);
          } catch (PatternSyntaxException e) {
            throw ConfigKeys.invalid(ConfigKeys.REGEX, regex, e.getDescription(), e);
          }
          available = RegexLineParser.groupNames(pattern);
          formatDescription = "regex (named groups " + available + ")";
          b.parser = new RegexLineParser(pattern, fields);
          break;
        }
      default:
        throw ConfigKeys.invalid(ConfigKeys.FORMAT, format, "unknown format");
    }
    if (available != null) {
      if (!available.contains(timeFieldName)) {
        throw ConfigKeys.invalid(
            ConfigKeys.TIME_FIELD, timeFieldName, "no such field in " + formatDescription);
      }
      for (int i = 0; i < 3; i++) {
        String field = fieldOf(fromKey(i), specs[i]);
        if (field != null && !available.contains(field)) {
          throw ConfigKeys.invalid(
              fromKey(i),
              specs[i],
              "field '"
                  + field
                  + "' is not in "
                  + formatDescription
                  + "; add it to the format or take the value from a header/static");
        }
      }
    }
    b.timeField = 0;
    ZoneId zone = zone(context);
    b.timeParser = timeParser(context, format, timeFieldName, zone);

    b.sources = new ValueSource[3];
    for (int i = 0; i < 3; i++) {
      b.sources[i] = source(i, specs[i], fields, context, sanitizer);
    }
    b.summary =
        "name="
            + b.name
            + ", format="
            + format
            + ", fields="
            + fields
            + ", app="
            + specs[0]
            + ", host="
            + specs[1]
            + ", type="
            + specs[2]
            + ", onError="
            + onError
            + ", errorType="
            + b.errorType;
    return new InterceptorSettings(b);
  }

  private static ConfigKey<?> fromKey(int component) {
    return component == 0
        ? ConfigKeys.APP_FROM
        : component == 1 ? ConfigKeys.HOST_FROM : ConfigKeys.TYPE_FROM;
  }

  private static ConfigKey<?> mapDefaultKey(int component) {
    return component == 0
        ? ConfigKeys.APP_MAP_DEFAULT
        : component == 1 ? ConfigKeys.HOST_MAP_DEFAULT : ConfigKeys.TYPE_MAP_DEFAULT;
  }

  /** The line field a spec reads, or null for header/static sources. */
  private static String fieldOf(ConfigKey<?> key, String spec) {
    String arg;
    if (spec.startsWith("field:")) {
      arg = spec.substring(6);
    } else if (spec.startsWith("map:header:")) {
      return null;
    } else if (spec.startsWith("map:field:")) {
      arg = spec.substring(10);
    } else if (spec.startsWith("map:")) {
      arg = spec.substring(4);
    } else if (spec.startsWith("header:") || spec.startsWith("static:")) {
      return null;
    } else {
      throw ConfigKeys.invalid(key, spec, "unknown source");
    }
    if (arg.isEmpty()) {
      throw ConfigKeys.invalid(key, spec, "the field name is empty");
    }
    return arg;
  }

  private static ValueSource source(
      int component, String spec, List<String> fields, Context context, PathRule sanitizer) {
    ConfigKey<?> key = fromKey(component);
    if (spec.startsWith("field:")) {
      return new ValueSource.FromField(fields.indexOf(spec.substring(6)), sanitizer);
    }
    if (spec.startsWith("header:")) {
      String header = spec.substring(7);
      if (header.isEmpty()) {
        throw ConfigKeys.invalid(key, spec, "the header name is empty");
      }
      return new ValueSource.FromHeader(header, sanitizer);
    }
    if (spec.startsWith("static:")) {
      String value = spec.substring(7);
      if (!sanitizer.isSafe(value)) {
        throw unsafe(key, spec, value, sanitizer);
      }
      return new ValueSource.Static(value);
    }
    // map:
    String prefix = COMPONENTS[component] + ConfigKeys.MAP_INFIX;
    Map<String, String> table = new HashMap<>();
    for (Map.Entry<String, String> e : context.getSubProperties(prefix).entrySet()) {
      ConfigKey<?> entryKey =
          ConfigKey.string(prefix + e.getKey(), null, "a safe path component", "");
      table.put(
          e.getKey().trim().toLowerCase(Locale.ROOT),
          safe(entryKey, e.getValue().trim(), sanitizer));
    }
    ConfigKey<?> defaultKey = mapDefaultKey(component);
    String def = ConfigKeys.read(defaultKey, context);
    if (def != null) {
      def = safe(defaultKey, def, sanitizer);
    }
    if (table.isEmpty() && def == null) {
      throw ConfigKeys.invalid(
          key, spec, "a map: source needs " + prefix + "<input> entries or " + defaultKey.name());
    }
    Map<String, String> frozen = Collections.unmodifiableMap(table);
    if (spec.startsWith("map:header:")) {
      String header = spec.substring(11);
      if (header.isEmpty()) {
        throw ConfigKeys.invalid(key, spec, "the header name is empty");
      }
      return new ValueSource.Mapped(-1, header, frozen, def);
    }
    return new ValueSource.Mapped(fields.indexOf(fieldOf(key, spec)), null, frozen, def);
  }

  private static TimeParser timeParser(
      Context context, String format, String timeField, ZoneId zone) {
    ConfigKey<?> key = ConfigKeys.TIME_FORMAT;
    String spec = ConfigKeys.require(key, context, "");
    if (spec.equals("auto")) {
      String inferred = TimeParsers.inferAuto(format, timeField);
      if (inferred == null) {
        throw ConfigKeys.invalid(
            key,
            spec,
            "auto only works with format=nginx and time.field time_local, "
                + "time_iso8601 or msec; time.field is '"
                + timeField
                + "', format is '"
                + format
                + "', so set time.format explicitly");
      }
      spec = inferred;
    }
    try {
      return TimeParsers.forSpec(spec, zone);
    } catch (IllegalArgumentException e) {
      throw ConfigKeys.invalid(key, spec, e.getMessage(), e);
    }
  }

  private static ZoneId zone(Context context) {
    String z = ConfigKeys.require(ConfigKeys.TIME_ZONE, context, "");
    try {
      return ZoneId.of(z);
    } catch (DateTimeException e) {
      throw ConfigKeys.invalid(ConfigKeys.TIME_ZONE, z, e.getMessage(), e);
    }
  }

  private static String safe(ConfigKey<?> key, String value, PathRule sanitizer) {
    if (!sanitizer.isSafe(value)) {
      throw unsafe(key, value, value, sanitizer);
    }
    return value;
  }

  private static ConfigurationException unsafe(
      ConfigKey<?> key, String given, String value, PathRule sanitizer) {
    return ConfigKeys.invalid(
        key,
        given,
        "'"
            + value
            + "' is not a safe path component (it would become '"
            + sanitizer.sanitize(value)
            + "'): use [a-z0-9._-], starting with a letter or digit (a"
            + " name starting with '_' or '.' hides its lines from Hadoop/Hive/Spark), at most "
            + sanitizer.maxLength()
            + " chars");
  }

  private static void rejectUnknownKeys(Context context) {
    Set<String> known = new HashSet<>();
    for (ConfigKey<?> k : ConfigKeys.ALL) {
      known.add(k.name());
    }
    known.add("type"); // Flume's own: the Builder class
    for (String k : context.getParameters().keySet()) {
      boolean isMapEntry = false;
      for (String c : COMPONENTS) {
        isMapEntry |=
            k.startsWith(c + ConfigKeys.MAP_INFIX)
                && k.length() > c.length() + ConfigKeys.MAP_INFIX.length();
      }
      if (!known.contains(k) && !isMapEntry) {
        String nearest = KeyNames.nearest(k, known);
        throw new ConfigurationException(
            "accesslog interceptor: unknown key '"
                + k
                + "' (value '"
                + context.getString(k)
                + "'); "
                + (nearest == null ? "" : "did you mean '" + nearest + "'? ")
                + "known keys: "
                + new TreeSet<>(known)
                + " and app.map.*, host.map.*, type.map.*");
      }
    }
  }

  /** Mutable scratch space for the constructor; keeps the settings fields final. */
  private static final class Builder {
    String name;
    LineParser parser;
    List<String> fieldNames;
    int timeField;
    TimeParser timeParser;
    long maxAgeMillis;
    long maxSkewMillis;
    String fallbackHeader;
    ValueSource[] sources;
    int lineMaxBytes;
    String errorType;
    String unknownValue;
    boolean dropOnError;
    String summary;
  }
}
