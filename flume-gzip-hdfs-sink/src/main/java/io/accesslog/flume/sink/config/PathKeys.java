package io.accesslog.flume.sink.config;

/**
 * Sink keys of where files go: the HDFS root, the path and file name templates and their time zone,
 * the header values they use, the route cache, and the writer id in every file name.
 *
 * <p>Declared here, named by users as {@code SinkKeys.<KEY>} ({@link SinkKeys} extends this group;
 * the README table lists {@link SinkKeys#ALL}).
 */
interface PathKeys {
  // --- where files go
  ConfigKey<String> HDFS_ROOT =
      ConfigKey.string(
          "hdfs.root",
          null,
          "an absolute path (/logs) or a URI (hdfs://namenode:8020/logs)",
          "Root under which every file is written; no header value can make a path leave it.");
  ConfigKey<String> HDFS_PATH =
      ConfigKey.string(
          "hdfs.path",
          "%{type}/%{app}/%Y%m%d/%H",
          "a relative template: literal text, %{header}, %Y %y %m %d %H %M %S %j %s, %%",
          "Directory template under hdfs.root; header values are sanitized (see 'Path safety').");
  ConfigKey<String> HDFS_FILE_NAME =
      ConfigKey.string(
          "hdfs.fileName",
          "%{host}.%Y%m%d%H",
          "a template as for hdfs.path, without /",
          "File base name; the sink appends .w-<writer.id>.<sequence>.gz.");
  ConfigKey<String> HDFS_TIME_ZONE =
      ConfigKey.string(
          "hdfs.timeZone",
          "UTC",
          "a java.time zone id (UTC, Asia/Shanghai, +08:00)",
          "Zone of the %Y%m%d%H escapes and of the hour buckets.");
  ConfigKey<String> MISSING_VALUE =
      ConfigKey.string(
          "route.missingValue",
          "unknown",
          "a safe path component",
          "Used for a header the templates need but the event lacks (counted).");
  ConfigKey<String> ERROR_TYPE =
      ConfigKey.string(
          "route.errorType",
          "_error",
          "empty, or up to 64 chars of [A-Za-z0-9._-]: '_' or a letter or digit, then a letter or digit",
          "The one value of the type header used as is though it starts with '_': the interceptor's error "
              + "bucket (its error.type), hidden from Hadoop/Hive/Spark on purpose. Every other value that "
              + "would start with '_' or '.' is rewritten to a visible name (see 'Path safety'). Empty: none.");

  /**
   * Largest {@link #ROUTE_CACHE_SIZE}: its table (2-4 slots of 32 bytes per entry) is allocated at
   * start.
   */
  long ROUTE_CACHE_SIZE_MAX = 1_000_000;

  ConfigKey<Long> ROUTE_CACHE_SIZE =
      ConfigKey.integer(
          "route.cacheSize",
          100_000,
          1,
          ROUTE_CACHE_SIZE_MAX,
          "Resolved targets (one per distinct combination of the templates' header values and "
              + "hour) the router keeps; when full it is cleared and refilled, one lookup per live target. Keep it "
              + "above the targets of a few hours (cleared every five hours at 20,000 targets an hour); its table "
              + "takes 64-128 bytes per entry, allocated at start.");
  ConfigKey<String> WRITER_ID =
      ConfigKey.string(
          "writer.id",
          "",
          "letters, digits, '.', '_', '-' (empty = <local hostname>-<sink name>)",
          "Part of every file name, so two agents or two sinks never write the same file. Must be unique "
              + "among all writers of one hdfs.root and stable across restarts.");
}
