package io.accesslog.flume.sink.route;

import io.accesslog.flume.sink.config.SinkKeys;
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
      String normalizedRoot = RouteValues.root(root);
      ZoneId zone = RouteValues.zone(timeZone);
      RouteValues.missingValue(missingValue);
      RouteValues.errorType(errorType);
      RouteValues.cacheSize(cacheSize);
      return new RouteSettings(
          this, normalizedRoot, zone, WriterIds.resolve(writerId, sinkName, localHostName));
    }
  }
}
