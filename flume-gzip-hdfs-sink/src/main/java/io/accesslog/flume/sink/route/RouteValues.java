package io.accesslog.flume.sink.route;

import io.accesslog.flume.sink.config.SinkKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.flume.conf.ConfigurationException;

/**
 * Checks of the route keys' values for {@link RouteSettings.Builder#build()}: the HDFS root, the
 * time zone, the missing-header value, the exempt error type and the cache size. Each bad value
 * throws a {@link ConfigurationException} naming the key, the value and what is allowed.
 */
final class RouteValues {
  private RouteValues() {}

  static void cacheSize(int value) {
    if (value < 1 || value > SinkKeys.ROUTE_CACHE_SIZE_MAX) {
      throw PathTemplate.invalid(
          SinkKeys.ROUTE_CACHE_SIZE.name(),
          String.valueOf(value),
          "allowed: " + SinkKeys.ROUTE_CACHE_SIZE.allowed());
    }
  }

  static ZoneId zone(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException | NullPointerException e) {
      throw new ConfigurationException(
          "route: key '"
              + SinkKeys.HDFS_TIME_ZONE.name()
              + "' has invalid value '"
              + value
              + "': allowed: a zone id such as UTC, Europe/Berlin, Asia/Kolkata or +05:30",
          e);
    }
  }

  static void missingValue(String value) {
    if (!PathSanitizer.isClean(value) || PathSanitizer.isRewrittenForm(value)) {
      throw PathTemplate.invalid(
          SinkKeys.MISSING_VALUE.name(),
          String.valueOf(value),
          "allowed: 1-"
              + PathSanitizer.MAX_LENGTH
              + " characters of [A-Za-z0-9._-] starting"
              + " with a letter or digit (a name starting with '.' or '_' hides its lines from"
              + " Hadoop/Hive/Spark)");
    }
  }

  static void errorType(String value) {
    if (value == null) {
      return;
    }
    String visible = value.charAt(0) == '_' ? value.substring(1) : value;
    if (value.length() > PathSanitizer.MAX_LENGTH
        || !PathSanitizer.isClean(visible)
        || PathSanitizer.isRewrittenForm(visible)) {
      throw PathTemplate.invalid(
          SinkKeys.ERROR_TYPE.name(),
          value,
          "allowed: empty, or up to "
              + PathSanitizer.MAX_LENGTH
              + " characters of"
              + " [A-Za-z0-9._-] starting with a letter or digit, or with '_' and then a letter"
              + " or digit; set it to the interceptor's error.type");
    }
  }

  /** Returns the root without a trailing slash ({@code ""} path for the filesystem root). */
  static String root(String value) {
    String allowed =
        "allowed: an absolute path like /logs or a URI like hdfs://nn:8020/logs, whose"
            + " directories use [A-Za-z0-9._=~-] and do not start with '.' or '_'";
    if (value == null || value.trim().isEmpty()) {
      throw PathTemplate.invalid(
          SinkKeys.HDFS_ROOT.name(), String.valueOf(value), "it is required; " + allowed);
    }
    String prefix;
    String path;
    if (value.contains("://")) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw PathTemplate.invalid(
            SinkKeys.HDFS_ROOT.name(), value, e.getMessage() + "; " + allowed);
      }
      if (uri.getScheme() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawPath() == null
          || uri.getRawPath().isEmpty()) {
        throw PathTemplate.invalid(
            SinkKeys.HDFS_ROOT.name(),
            value,
            "a URI needs scheme://authority/path and no query or fragment; " + allowed);
      }
      prefix =
          uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
      path = uri.getRawPath();
    } else {
      prefix = "";
      path = value;
    }
    if (!path.startsWith("/")) {
      throw PathTemplate.invalid(
          SinkKeys.HDFS_ROOT.name(), value, "the path is not absolute; " + allowed);
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.length() > 1) {
      for (String component : path.substring(1).split("/", -1)) {
        checkRootComponent(value, component, allowed);
      }
    }
    return prefix + path;
  }

  private static void checkRootComponent(String value, String component, String allowed) {
    boolean ok = !component.isEmpty() && component.charAt(0) != '.' && component.charAt(0) != '_';
    for (int i = 0; ok && i < component.length(); i++) {
      char c = component.charAt(i);
      ok = c != '%' && PathTemplate.isAllowedLiteral(c);
    }
    if (!ok) {
      throw PathTemplate.invalid(
          SinkKeys.HDFS_ROOT.name(),
          value,
          "directory '" + component + "' is not allowed; " + allowed);
    }
  }
}
