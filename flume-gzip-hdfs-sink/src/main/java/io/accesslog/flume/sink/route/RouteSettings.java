package io.accesslog.flume.sink.route;

import io.accesslog.flume.sink.config.SinkKeys;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.flume.conf.ConfigurationException;

/**
 * Immutable, validated routing settings: where files go and how they are named. Built and validated
 * only by {@link Builder#build()}; every problem throws a {@link ConfigurationException} naming the
 * key, the value and what is allowed. The sink's config parser fills the builder from the Flume
 * keys, their defaults and ranges declared in {@link SinkKeys}; tests build it directly.
 */
public final class RouteSettings {
  /** The header whose value {@code route.errorType} exempts. */
  static final String TYPE_HEADER = "type";

  /**
   * HDFS refuses path components longer than this (dfs.namenode.fs-limits.max-component-length).
   */
  static final int MAX_COMPONENT_LENGTH = 255;

  private final String root;
  private final String zoneText;
  private final ZoneId timeZone;
  private final String missingValue;
  private final String errorType;
  private final String writerId;
  private final int cacheSize;
  private final PathTemplate directoryTemplate;
  private final PathTemplate fileNameTemplate;
  private final String[] headerNames;

  private RouteSettings(Builder b, String root, ZoneId zone, String writerId) {
    this.root = root;
    this.zoneText = b.timeZone;
    this.timeZone = zone;
    this.missingValue = b.missingValue;
    this.errorType = b.errorType;
    this.writerId = writerId;
    this.cacheSize = b.cacheSize;
    HeaderSlots slots = new HeaderSlots();
    this.directoryTemplate =
        PathTemplate.compile(SinkKeys.HDFS_PATH.name(), b.path, true, MAX_COMPONENT_LENGTH, slots);
    this.fileNameTemplate =
        PathTemplate.compile(
            SinkKeys.HDFS_FILE_NAME.name(),
            b.fileName,
            false,
            MAX_COMPONENT_LENGTH - FileNamer.MAX_DECORATION_LENGTH,
            slots);
    this.headerNames = slots.names();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The root without a trailing slash, e.g. {@code /logs} or {@code hdfs://nn:8020/logs}. */
  public String root() {
    return root;
  }

  public String path() {
    return directoryTemplate.text();
  }

  public String fileName() {
    return fileNameTemplate.text();
  }

  public ZoneId timeZone() {
    return timeZone;
  }

  public String missingValue() {
    return missingValue;
  }

  /** The exempt error type, or null when none is configured. */
  public String errorType() {
    return errorType;
  }

  /** Sanitized writer id; unique per agent and sink so no two writers share a file name. */
  public String writerId() {
    return writerId;
  }

  public int cacheSize() {
    return cacheSize;
  }

  PathTemplate directoryTemplate() {
    return directoryTemplate;
  }

  PathTemplate fileNameTemplate() {
    return fileNameTemplate;
  }

  /** Distinct headers the templates reference; index = slot. A fresh copy. */
  String[] headerNames() {
    return headerNames.clone();
  }

  @Override
  public String toString() {
    return SinkKeys.HDFS_ROOT.name()
        + "="
        + root
        + ", "
        + SinkKeys.HDFS_PATH.name()
        + "="
        + path()
        + ", "
        + SinkKeys.HDFS_FILE_NAME.name()
        + "="
        + fileName()
        + ", "
        + SinkKeys.HDFS_TIME_ZONE.name()
        + "="
        + zoneText
        + ", "
        + SinkKeys.MISSING_VALUE.name()
        + "="
        + missingValue
        + ", "
        + SinkKeys.ERROR_TYPE.name()
        + "="
        + (errorType == null ? "" : errorType)
        + ", "
        + SinkKeys.WRITER_ID.name()
        + "="
        + writerId
        + ", "
        + SinkKeys.ROUTE_CACHE_SIZE.name()
        + "="
        + cacheSize;
  }

  /** Collects raw values; {@link #build()} validates them all. Not thread-safe. */
  public static final class Builder {
    private String root;
    private String path = SinkKeys.HDFS_PATH.defaultValue();
    private String fileName = SinkKeys.HDFS_FILE_NAME.defaultValue();
    private String timeZone = SinkKeys.HDFS_TIME_ZONE.defaultValue();
    private String missingValue = SinkKeys.MISSING_VALUE.defaultValue();
    private String errorType = SinkKeys.ERROR_TYPE.defaultValue();
    private String writerId;
    private String sinkName;
    private String localHostName;
    private int cacheSize = SinkKeys.ROUTE_CACHE_SIZE.parsedDefault().intValue();

    private Builder() {}

    public Builder root(String value) {
      this.root = value;
      return this;
    }

    public Builder path(String value) {
      this.path = value;
      return this;
    }

    public Builder fileName(String value) {
      this.fileName = value;
      return this;
    }

    public Builder timeZone(String value) {
      this.timeZone = value;
      return this;
    }

    public Builder missingValue(String value) {
      this.missingValue = value;
      return this;
    }

    /** The exempt error type; null or empty for none. */
    public Builder errorType(String value) {
      this.errorType = value == null || value.isEmpty() ? null : value;
      return this;
    }

    /** Explicit writer id; null means the default {@code <local hostname>-<sinkName>}. */
    public Builder writerId(String value) {
      this.writerId = value;
      return this;
    }

    /** The Flume sink name, used for the default writer id. */
    public Builder sinkName(String value) {
      this.sinkName = value;
      return this;
    }

    /** Overrides the host name lookup for the default writer id (tests, containers). */
    public Builder localHostName(String value) {
      this.localHostName = value;
      return this;
    }

    public Builder cacheSize(int value) {
      this.cacheSize = value;
      return this;
    }

    public RouteSettings build() {
      String normalizedRoot = normalizeRoot(root);
      ZoneId zone = parseZone(timeZone);
      checkMissingValue(missingValue);
      checkErrorType(errorType);
      if (cacheSize < 1 || cacheSize > SinkKeys.ROUTE_CACHE_SIZE_MAX) {
        throw PathTemplate.invalid(
            SinkKeys.ROUTE_CACHE_SIZE.name(),
            String.valueOf(cacheSize),
            "allowed: " + SinkKeys.ROUTE_CACHE_SIZE.allowed());
      }
      return new RouteSettings(this, normalizedRoot, zone, resolveWriterId());
    }

    private static ZoneId parseZone(String value) {
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

    private static void checkMissingValue(String value) {
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

    private static void checkErrorType(String value) {
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

    private String resolveWriterId() {
      if (writerId != null) {
        if (!FileNamer.isValidWriterId(writerId)) {
          throw PathTemplate.invalid(
              SinkKeys.WRITER_ID.name(),
              writerId,
              "allowed: 1-"
                  + PathSanitizer.MAX_LENGTH
                  + " characters of [A-Za-z0-9._-] with at"
                  + " least one letter or digit, not starting with '.' and not containing '"
                  + FileNamer.WRITER_MARK
                  + "'");
        }
        return writerId;
      }
      if (sinkName == null || sinkName.isEmpty()) {
        throw new ConfigurationException(
            "route: key '"
                + SinkKeys.WRITER_ID.name()
                + "' is not set and no sink name is known to build the"
                + " default <local hostname>-<sinkName>; set "
                + SinkKeys.WRITER_ID.name());
      }
      String host = localHostName != null ? localHostName : lookUpHostName();
      String id = defaultWriterId(host, sinkName);
      if (!FileNamer.isValidWriterId(id)) {
        throw new ConfigurationException(
            "route: the default writer id '"
                + id
                + "' (from host '"
                + host
                + "' and sink '"
                + sinkName
                + "') is not usable (it contains '"
                + FileNamer.WRITER_MARK
                + "'); set "
                + SinkKeys.WRITER_ID.name()
                + " explicitly");
      }
      return id;
    }

    /**
     * {@code <host>-<sinkName>} with each char outside {@code [A-Za-z0-9._-]} replaced by {@code _}
     * and a leading {@code .} by {@code _}. Deliberately not {@link PathSanitizer}: a writer id is
     * configuration, never the first char of a name (file names start with the file base), and it
     * must stay exactly what earlier versions derived, or a restarted sink would not find the
     * in-progress files and the HDFS claim of its own id.
     */
    static String defaultWriterId(String host, String sinkName) {
      char[] id = (host + "-" + sinkName).toCharArray();
      for (int i = 0; i < id.length; i++) {
        if (!PathSanitizer.isSafe(id[i]) || (i == 0 && id[i] == '.')) {
          id[i] = '_';
        }
      }
      return new String(id);
    }

    private static String lookUpHostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        throw new ConfigurationException(
            "route: cannot look up the local host name for the default "
                + SinkKeys.WRITER_ID.name()
                + "; set "
                + SinkKeys.WRITER_ID.name()
                + " explicitly",
            e);
      }
    }

    /** Returns the root without a trailing slash ({@code ""} path for the filesystem root). */
    static String normalizeRoot(String value) {
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
}
