package io.accesslog.flume.sink.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every configuration key of the gzip HDFS sink ({@code a1.sinks.<name>.<key>}), declared once. The
 * README table is generated from this list by {@link #markdownTable()}.
 */
public final class SinkKeys {
  private SinkKeys() {}

  // --- where files go
  public static final ConfigKey<String> HDFS_ROOT =
      ConfigKey.string(
          "hdfs.root",
          null,
          "an absolute path (/logs) or a URI (hdfs://namenode:8020/logs)",
          "Root under which every file is written; no header value can make a path leave it.");
  public static final ConfigKey<String> HDFS_PATH =
      ConfigKey.string(
          "hdfs.path",
          "%{type}/%{app}/%Y%m%d/%H",
          "a relative template: literal text, %{header}, %Y %y %m %d %H %M %S %j %s, %%",
          "Directory template under hdfs.root; header values are sanitized (see 'Path safety').");
  public static final ConfigKey<String> HDFS_FILE_NAME =
      ConfigKey.string(
          "hdfs.fileName",
          "%{host}.%Y%m%d%H",
          "a template as for hdfs.path, without /",
          "File base name; the sink appends .w-<writer.id>.<sequence>.gz.");
  public static final ConfigKey<String> HDFS_TIME_ZONE =
      ConfigKey.string(
          "hdfs.timeZone",
          "UTC",
          "a java.time zone id (UTC, Asia/Shanghai, +08:00)",
          "Zone of the %Y%m%d%H escapes and of the hour buckets.");
  public static final ConfigKey<String> MISSING_VALUE =
      ConfigKey.string(
          "route.missingValue",
          "unknown",
          "a safe path component",
          "Used for a header the templates need but the event lacks (counted).");
  public static final ConfigKey<String> ERROR_TYPE =
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
  public static final long ROUTE_CACHE_SIZE_MAX = 1_000_000;

  public static final ConfigKey<Long> ROUTE_CACHE_SIZE =
      ConfigKey.integer(
          "route.cacheSize",
          100_000,
          1,
          ROUTE_CACHE_SIZE_MAX,
          "Resolved targets (one per distinct combination of the templates' header values and "
              + "hour) the router keeps; when full it is cleared and refilled, one lookup per live target. Keep it "
              + "above the targets of a few hours (cleared every five hours at 20,000 targets an hour); its table "
              + "takes 64-128 bytes per entry, allocated at start.");
  public static final ConfigKey<String> WRITER_ID =
      ConfigKey.string(
          "writer.id",
          "",
          "letters, digits, '.', '_', '-' (empty = <local hostname>-<sink name>)",
          "Part of every file name, so two agents or two sinks never write the same file. Must be unique "
              + "among all writers of one hdfs.root and stable across restarts.");

  // --- durability
  public static final ConfigKey<String> DURABILITY =
      ConfigKey.choice(
          "sink.durability",
          "spool",
          "spool: a batch is fsynced to the local spool before the channel transaction commits; "
              + "none: memory only, buffered lines are lost if the agent dies (must be chosen explicitly).",
          "spool",
          "none");
  public static final ConfigKey<String> SPOOL_DIR =
      ConfigKey.string(
          "spool.dir",
          "",
          "a local directory, writable, one per sink (required with sink.durability = spool)",
          "Local write-ahead spool, on a disk that survives a restart (not tmpfs).");

  /** Largest {@link #SPOOL_SEGMENT_BYTES}, for the key and for spool settings built directly. */
  public static final long SPOOL_SEGMENT_BYTES_MAX = 1L << 30;

  public static final ConfigKey<Long> SPOOL_SEGMENT_BYTES =
      ConfigKey.bytes(
          "spool.segmentBytes",
          "64MB",
          1L << 20,
          SPOOL_SEGMENT_BYTES_MAX,
          "Spool segment file size; whole segments are deleted once HDFS holds their lines (smaller segments free "
              + "disk sooner, larger ones mean fewer files).");
  public static final ConfigKey<Long> SPOOL_MAX_BYTES =
      ConfigKey.bytes(
          "spool.maxBytes",
          "10GB",
          1L << 20,
          1L << 50,
          "Spool size at which the sink stops taking from its channel (backpressure): while HDFS is "
              + "down the spool keeps every taken batch, so this is how much of an outage the sink absorbs "
              + "before the channel and then the source are held back. At least 2 x spool.segmentBytes.");

  // --- level 1 and level 2 buffers, rolling
  public static final ConfigKey<Long> MEMBER_LINES =
      ConfigKey.integer(
          "member.lines",
          1000,
          1,
          1_000_000,
          "Level 1: lines per gzip member (more lines, better ratio; ~1000 is the knee).");
  public static final ConfigKey<Long> MEMBER_MAX_AGE =
      ConfigKey.millis(
          "member.maxAge",
          "2m",
          1000,
          3_600_000,
          "Level 1: the oldest buffered line of a target waits at most this long before it is compressed.");
  public static final ConfigKey<Long> APPEND_BYTES =
      ConfigKey.bytes(
          "append.bytes",
          "5MB",
          1L << 10,
          1L << 30,
          "Level 2: compressed bytes of a target that trigger one HDFS write.");
  public static final ConfigKey<Long> APPEND_MAX_AGE =
      ConfigKey.millis(
          "append.maxAge",
          "10m",
          1000,
          86_400_000,
          "Level 2: the oldest member of a target waits at most this long before an HDFS write.");
  public static final ConfigKey<Long> APPEND_JITTER_PERCENT =
      ConfigKey.integer(
          "append.jitterPercent",
          20,
          0,
          90,
          "Each target's append.maxAge is shortened by a fixed share of up to this many percent, so the "
              + "age-triggered writes of thousands of targets do not line up.");
  public static final ConfigKey<Long> ROLL_BYTES =
      ConfigKey.bytes(
          "roll.bytes",
          "100MB",
          1L << 10,
          1L << 40,
          "A file is finished (renamed to its final name) once its compressed size reaches this.");
  public static final ConfigKey<Long> ROLL_CLOSE_MINUTE =
      ConfigKey.integer(
          "roll.closeMinute",
          5,
          0,
          59,
          "Minute past the next hour at which an hour's files are finished, with or without traffic.");
  public static final ConfigKey<Long> BUFFER_MAX_BYTES =
      ConfigKey.bytes(
          "buffer.maxBytes",
          "256MB",
          1L << 20,
          1L << 40,
          "Heap for level 1 + level 2 + in-flight data of the whole sink; above it, buffers are "
              + "compressed and written early; far above it the sink stops taking.");

  // --- compression and threads
  public static final ConfigKey<String> COMPRESSION_CODEC =
      ConfigKey.choice(
          "compression.codec",
          "auto",
          "auto: ISA-L (Intel GKL) when its native library loads on this JVM (Java 17+, x86-64) and the "
              + "level is 1 or 2, else the JDK Deflater; isal: ISA-L or fail; jdk: the JDK Deflater.",
          "auto",
          "isal",
          "jdk");
  public static final ConfigKey<Long> COMPRESSION_LEVEL =
      ConfigKey.integer(
          "compression.level",
          1,
          1,
          9,
          "Deflate level (ISA-L supports 1 and 2). See 'Compression' for measured ratio and CPU per level.");
  public static final ConfigKey<Long> WORKERS =
      ConfigKey.integer(
          "sink.workers",
          2,
          1,
          64,
          "Threads that compress members (CPU-bound; the runner thread takes, spools and routes).");
  public static final ConfigKey<Long> HDFS_WRITERS =
      ConfigKey.integer(
          "hdfs.writers",
          8,
          1,
          256,
          "Threads that write to HDFS, i.e. the most HDFS output streams open at once. Each write "
              + "waits on the NameNode (a close often takes 0.4 s or more), so several run in parallel.");
  public static final ConfigKey<Long> BATCH_SIZE =
      ConfigKey.integer(
          "batchSize",
          10_000,
          1,
          1_000_000,
          "Events taken from the channel per transaction (one spool fsync each).");
  // --- failures
  public static final ConfigKey<Long> RETRY_INITIAL_BACKOFF =
      ConfigKey.millis(
          "retry.initialBackoff",
          "1s",
          10,
          600_000,
          "Wait before the second attempt of a failed HDFS write of one file; doubled per further failure.");
  public static final ConfigKey<Long> RETRY_MAX_BACKOFF =
      ConfigKey.millis(
          "retry.maxBackoff",
          "60s",
          10,
          3_600_000,
          "Longest wait between attempts of one file; also the wait after a fatal failure (permission, "
              + "quota, invalid path), which is retried so the sink heals once an operator fixes the cause.");
  public static final ConfigKey<Long> HDFS_RECOVERY_TIMEOUT =
      ConfigKey.millis(
          "hdfs.recoveryTimeout",
          "60s",
          1000,
          3_600_000,
          "How long one lease recovery or truncate may take to close the file before the attempt "
              + "counts as failed (and is retried with backoff).");
  public static final ConfigKey<Long> HDFS_CALL_TIMEOUT =
      ConfigKey.millis(
          "hdfs.callTimeout",
          "30s",
          1000,
          3_600_000,
          "Longest time one HDFS call may take (a write of up to "
              + "append.bytes with its open and close, a rename, a listing step; lease recovery and "
              + "truncate get hdfs.recoveryTimeout on top). A call that takes longer counts as a "
              + "failed write: it is abandoned (its thread interrupted) and retried with backoff, "
              + "resolved against the file's real length like any failed write. Same key and default "
              + "as the stock HDFS sink.");
  public static final ConfigKey<String> RECOVERY_ORPHAN_SCAN =
      ConfigKey.choice(
          "recovery.orphanScan",
          "auto",
          "At start, whether to list all of hdfs.root for in-progress files of this writer.id that the ledger does "
              + "not know, and finish them. auto: only when the ledger was missing (first start, spool directory "
              + "lost) or damaged; always: at every start; never: not at all (a lost ledger then leaves such files "
              + "hidden until renamed by hand). The ledger records every file before it is created, so with an "
              + "intact ledger the listing finds nothing, and on a root of millions of files it costs minutes.",
          "auto",
          "always",
          "never");
  // --- security
  public static final ConfigKey<String> KERBEROS_PRINCIPAL =
      ConfigKey.string(
          "hdfs.kerberosPrincipal",
          "",
          "empty, or a Kerberos principal (flume/_HOST@EXAMPLE.COM; _HOST becomes this host's name)",
          "Log in from hdfs.kerberosKeytab as this principal (through Flume's authentication helper, "
              + "as the stock sink does) and renew the login before the ticket expires. Empty: no "
              + "keytab login; the JVM's Hadoop login is used as it is (a kinit ticket cache when "
              + "core-site.xml says kerberos, else simple).");
  public static final ConfigKey<String> KERBEROS_KEYTAB =
      ConfigKey.string(
          "hdfs.kerberosKeytab",
          "",
          "empty, or a readable keytab file (required with hdfs.kerberosPrincipal)",
          "Keytab holding the key of hdfs.kerberosPrincipal.");
  public static final ConfigKey<String> PROXY_USER =
      ConfigKey.string(
          "hdfs.proxyUser",
          "",
          "empty, or a user name",
          "Every HDFS call is made as this user, impersonated by the login user (the NameNode "
              + "must allow it: hadoop.proxyuser.<login user>.hosts and .groups). Empty: as the login "
              + "user.");
  public static final ConfigKey<Long> STOP_TIMEOUT =
      ConfigKey.millis(
          "stop.timeout",
          "60s",
          0,
          3_600_000,
          "On stop, how long to keep writing buffered data to HDFS; what is left stays in the spool.");

  // --- hour markers and late data
  public static final ConfigKey<Long> HEARTBEAT_INTERVAL =
      ConfigKey.millis(
          "heartbeat.interval",
          "30s",
          100,
          600_000,
          "How often the sink writes its heartbeat and finished-hour watermark to "
              + "<hdfs.root>/_writers/.state/<writer.id> and writes the markers of hours every writer finished.");
  public static final ConfigKey<Long> HEARTBEAT_STALE_AFTER =
      ConfigKey.millis(
          "heartbeat.staleAfter",
          "3m",
          300,
          86_400_000,
          "A writer whose last heartbeat is older than this is reported DOWN (hours status, writers list) "
              + "and may be retired; must be longer than heartbeat.interval and the clock skew between hosts.");
  public static final ConfigKey<String> HOUR_MARKER =
      ConfigKey.of(
          "hour.marker",
          "_COMPLETE",
          "none (no markers), or a file name starting with '_' or '.' (hidden from Hadoop/Hive/Spark input) of "
              + "[A-Za-z0-9._-]; needs an hour in hdfs.path (%H or %s)",
          "Marker written into an hour directory once every writer of hdfs.root finished that hour; it lists every "
              + "final file with bytes and lines.",
          raw -> {
            String v = raw.trim();
            if (v.equals("none")) {
              return "";
            }
            if (!(v.startsWith("_") || v.startsWith(".")) || !v.matches("[A-Za-z0-9._-]{2,64}")) {
              throw new IllegalArgumentException(
                  "none, or a name starting with '_' or '.' of [A-Za-z0-9._-]");
            }
            return v;
          });
  public static final ConfigKey<String> LATE_POLICY =
      ConfigKey.choice(
          "late.policy",
          "reopen",
          "Where a line goes whose hour already has its marker (counted as LateLinesAfterMarker; never dropped). "
              + "reopen: into the hour directory, as a new file, and the marker is rewritten (revision + 1, new "
              + "counts) once that file is finished, so every line stays in its event hour; separate: into "
              + "<hdfs.root>/<late.dir>/<arrival yyyyMMddHH>/<the hour directory's path>, and a marked hour never "
              + "changes.",
          "reopen",
          "separate");
  public static final ConfigKey<String> LATE_DIR =
      ConfigKey.of(
          "late.dir",
          "late",
          "a relative directory of [A-Za-z0-9._-] components",
          "Directory under hdfs.root for late.policy = separate.",
          raw -> {
            String v = raw.trim();
            if (!v.matches("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")) {
              throw new IllegalArgumentException(
                  "a relative directory of [A-Za-z0-9._-] components");
            }
            return v;
          });

  public static final List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(
          Arrays.<ConfigKey<?>>asList(
              HDFS_ROOT,
              HDFS_PATH,
              HDFS_FILE_NAME,
              HDFS_TIME_ZONE,
              MISSING_VALUE,
              ERROR_TYPE,
              ROUTE_CACHE_SIZE,
              WRITER_ID,
              DURABILITY,
              SPOOL_DIR,
              SPOOL_SEGMENT_BYTES,
              SPOOL_MAX_BYTES,
              MEMBER_LINES,
              MEMBER_MAX_AGE,
              APPEND_BYTES,
              APPEND_MAX_AGE,
              APPEND_JITTER_PERCENT,
              ROLL_BYTES,
              ROLL_CLOSE_MINUTE,
              BUFFER_MAX_BYTES,
              COMPRESSION_CODEC,
              COMPRESSION_LEVEL,
              WORKERS,
              HDFS_WRITERS,
              BATCH_SIZE,
              RETRY_INITIAL_BACKOFF,
              RETRY_MAX_BACKOFF,
              HDFS_RECOVERY_TIMEOUT,
              HDFS_CALL_TIMEOUT,
              RECOVERY_ORPHAN_SCAN,
              KERBEROS_PRINCIPAL,
              KERBEROS_KEYTAB,
              PROXY_USER,
              STOP_TIMEOUT,
              HEARTBEAT_INTERVAL,
              HEARTBEAT_STALE_AFTER,
              HOUR_MARKER,
              LATE_POLICY,
              LATE_DIR));

  /** Keys Flume itself reads from a sink's context. */
  public static final List<String> FLUME_KEYS =
      Collections.unmodifiableList(Arrays.asList("type", "channel"));

  /** The README table: key, default, allowed values, meaning. */
  public static String markdownTable() {
    StringBuilder b =
        new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
    for (ConfigKey<?> k : ALL) {
      b.append("| `")
          .append(k.name())
          .append("` | ")
          .append(
              k.defaultValue() == null
                  ? "(required)"
                  : k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`")
          .append(" | ")
          .append(k.allowed().replace("|", "\\|"))
          .append(" | ")
          .append(k.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
