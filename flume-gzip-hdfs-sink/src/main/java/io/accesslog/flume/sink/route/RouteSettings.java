package io.accesslog.flume.sink.route;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.apache.flume.conf.ConfigurationException;

/**
 * Immutable, validated routing settings: where files go and how they are named. Built and
 * validated only by {@link Builder#build()}; every problem throws a {@link ConfigurationException}
 * naming the key, the value and what is allowed. The sink's config parser fills the builder from
 * the Flume keys declared here; tests build it directly.
 */
public final class RouteSettings {
  /** Required. Absolute path ({@code /logs}) or URI ({@code hdfs://nn:8020/logs}). */
  public static final String ROOT_KEY = "hdfs.root";

  /** Directory template under the root. */
  public static final String PATH_KEY = "hdfs.path";

  public static final String DEFAULT_PATH = "%{type}/%{app}/%Y%m%d/%H";

  /** File-name template; the writer id, sequence and {@code .gz} are appended by FileNamer. */
  public static final String FILE_NAME_KEY = "hdfs.fileName";

  public static final String DEFAULT_FILE_NAME = "%{host}.%Y%m%d%H";

  /** Zone of the hour buckets and of the time escapes. */
  public static final String TIME_ZONE_KEY = "hdfs.timeZone";

  public static final String DEFAULT_TIME_ZONE = "UTC";

  /** Substituted for a header that is absent or unusable after sanitizing. */
  public static final String MISSING_VALUE_KEY = "route.missingValue";

  public static final String DEFAULT_MISSING_VALUE = "unknown";

  /**
   * The value of the {@code type} header that is used as is although it starts with {@code _}: the
   * interceptor's error bucket, hidden from Hadoop jobs on purpose. Empty: no such value.
   */
  public static final String ERROR_TYPE_KEY = "route.errorType";

  public static final String DEFAULT_ERROR_TYPE = "_error";

  /** The header whose value {@link #ERROR_TYPE_KEY} exempts. */
  static final String TYPE_HEADER = "type";

  /** Identifies this writer in file names; default {@code <local hostname>-<sinkName>}. */
  public static final String WRITER_ID_KEY = "writer.id";

  /** Bound of the router's target cache; the cache is cleared when it is full. */
  public static final String CACHE_SIZE_KEY = "route.cacheSize";

  public static final int DEFAULT_CACHE_SIZE = 100_000;

  static final int MAX_CACHE_SIZE = 10_000_000;
  /** HDFS refuses path components longer than this (dfs.namenode.fs-limits.max-component-length). */
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
        PathTemplate.compile(PATH_KEY, b.path, true, MAX_COMPONENT_LENGTH, slots);
    this.fileNameTemplate =
        PathTemplate.compile(
            FILE_NAME_KEY,
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
    return ROOT_KEY + "=" + root + ", " + PATH_KEY + "=" + path() + ", " + FILE_NAME_KEY + "="
        + fileName() + ", " + TIME_ZONE_KEY + "=" + zoneText + ", " + MISSING_VALUE_KEY + "="
        + missingValue + ", " + ERROR_TYPE_KEY + "=" + (errorType == null ? "" : errorType) + ", " + WRITER_ID_KEY + "=" + writerId + ", " + CACHE_SIZE_KEY + "="
        + cacheSize;
  }

  /** Collects raw values; {@link #build()} validates them all. Not thread-safe. */
  public static final class Builder {
    private String root;
    private String path = DEFAULT_PATH;
    private String fileName = DEFAULT_FILE_NAME;
    private String timeZone = DEFAULT_TIME_ZONE;
    private String missingValue = DEFAULT_MISSING_VALUE;
    private String errorType = DEFAULT_ERROR_TYPE;
    private String writerId;
    private String sinkName;
    private String localHostName;
    private int cacheSize = DEFAULT_CACHE_SIZE;

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
      if (cacheSize < 1 || cacheSize > MAX_CACHE_SIZE) {
        throw PathTemplate.invalid(
            CACHE_SIZE_KEY,
            String.valueOf(cacheSize),
            "allowed: an integer from 1 to " + MAX_CACHE_SIZE);
      }
      return new RouteSettings(this, normalizedRoot, zone, resolveWriterId());
    }

    private static ZoneId parseZone(String value) {
      try {
        return ZoneId.of(value);
      } catch (DateTimeException | NullPointerException e) {
        throw new ConfigurationException(
            "route: key '" + TIME_ZONE_KEY + "' has invalid value '" + value
                + "': allowed: a zone id such as UTC, Europe/Berlin, Asia/Kolkata or +05:30",
            e);
      }
    }

    private static void checkMissingValue(String value) {
      if (!PathSanitizer.isClean(value) || PathSanitizer.isRewrittenForm(value)) {
        throw PathTemplate.invalid(
            MISSING_VALUE_KEY,
            String.valueOf(value),
            "allowed: 1-" + PathSanitizer.MAX_LENGTH + " characters of [A-Za-z0-9._-] starting"
                + " with a letter or digit (a name starting with '.' or '_' hides its lines from"
                + " Hadoop/Hive/Spark)");
      }
    }

    private static void checkErrorType(String value) {
      if (value == null) {
        return;
      }
      String visible = value.charAt(0) == '_' ? value.substring(1) : value;
      if (value.length() > PathSanitizer.MAX_LENGTH || !PathSanitizer.isClean(visible)
          || PathSanitizer.isRewrittenForm(visible)) {
        throw PathTemplate.invalid(
            ERROR_TYPE_KEY,
            value,
            "allowed: empty, or up to " + PathSanitizer.MAX_LENGTH + " characters of"
                + " [A-Za-z0-9._-] starting with a letter or digit, or with '_' and then a letter"
                + " or digit; set it to the interceptor's error.type");
      }
    }

    private String resolveWriterId() {
      if (writerId != null) {
        if (!FileNamer.isValidWriterId(writerId)) {
          throw PathTemplate.invalid(
              WRITER_ID_KEY,
              writerId,
              "allowed: 1-" + PathSanitizer.MAX_LENGTH + " characters of [A-Za-z0-9._-] with at"
                  + " least one letter or digit, not starting with '.' and not containing '"
                  + FileNamer.WRITER_MARK + "'");
        }
        return writerId;
      }
      if (sinkName == null || sinkName.isEmpty()) {
        throw new ConfigurationException(
            "route: key '" + WRITER_ID_KEY + "' is not set and no sink name is known to build the"
                + " default <local hostname>-<sinkName>; set " + WRITER_ID_KEY);
      }
      String host = localHostName != null ? localHostName : lookUpHostName();
      String id = defaultWriterId(host, sinkName);
      if (!FileNamer.isValidWriterId(id)) {
        throw new ConfigurationException(
            "route: the default writer id '" + id + "' (from host '" + host + "' and sink '"
                + sinkName + "') is not usable (it contains '" + FileNamer.WRITER_MARK
                + "'); set " + WRITER_ID_KEY + " explicitly");
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
            "route: cannot look up the local host name for the default " + WRITER_ID_KEY
                + "; set " + WRITER_ID_KEY + " explicitly",
            e);
      }
    }

    /** Returns the root without a trailing slash ({@code ""} path for the filesystem root). */
    static String normalizeRoot(String value) {
      String allowed =
          "allowed: an absolute path like /logs or a URI like hdfs://nn:8020/logs, whose"
              + " directories use [A-Za-z0-9._=~-] and do not start with '.' or '_'";
      if (value == null || value.trim().isEmpty()) {
        throw PathTemplate.invalid(ROOT_KEY, String.valueOf(value), "it is required; " + allowed);
      }
      String prefix;
      String path;
      if (value.contains("://")) {
        URI uri;
        try {
          uri = new URI(value);
        } catch (URISyntaxException e) {
          throw PathTemplate.invalid(ROOT_KEY, value, e.getMessage() + "; " + allowed);
        }
        if (uri.getScheme() == null
            || uri.getRawQuery() != null
            || uri.getRawFragment() != null
            || uri.getRawPath() == null
            || uri.getRawPath().isEmpty()) {
          throw PathTemplate.invalid(
              ROOT_KEY, value, "a URI needs scheme://authority/path and no query or fragment; "
                  + allowed);
        }
        prefix = uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority());
        path = uri.getRawPath();
      } else {
        prefix = "";
        path = value;
      }
      if (!path.startsWith("/")) {
        throw PathTemplate.invalid(ROOT_KEY, value, "the path is not absolute; " + allowed);
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
            ROOT_KEY, value, "directory '" + component + "' is not allowed; " + allowed);
      }
    }
  }
}
