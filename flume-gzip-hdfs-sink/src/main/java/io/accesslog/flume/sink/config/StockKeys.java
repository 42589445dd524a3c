package io.accesslog.flume.sink.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every key of Flume 1.11's stock {@code HDFSEventSink}, and what this sink does with it: the same
 * key, a key of ours instead, not needed, or not supported. Declared once: an unknown key that is a
 * stock key fails at {@code configure()} with its {@link Entry#message()}, and the README's
 * migration table is generated from this list ({@link #markdownTable()}).
 */
public final class StockKeys {
  private StockKeys() {}

  /** What happens to a stock key here. */
  public enum Status {
    /** Read by this sink with the stock meaning. */
    SAME("same"),
    /** The idea exists under another key (or another value). */
    RENAMED("renamed"),
    /** The sink works in a way that makes the setting pointless. */
    NOT_NEEDED("not needed"),
    /** A feature this sink does not have. */
    NOT_SUPPORTED("not supported");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** One stock key. */
  public static final class Entry {
    private final String key;
    private final Status status;
    private final String ours;
    private final String why;

    Entry(String key, Status status, String ours, String why) {
      this.key = key;
      this.status = status;
      this.ours = ours;
      this.why = why;
    }

    public String key() {
      return key;
    }

    public Status status() {
      return status;
    }

    /** Our key (or keys) that take the role, or null. */
    public String ours() {
      return ours;
    }

    public String why() {
      return why;
    }

    /**
     * What {@code configure()} says when it meets this key (not for {@link Status#SAME}: those are
     * read).
     */
    public String message() {
      return "'"
          + key
          + "' is a key of Flume's stock HDFS sink, "
          + status
          + (ours == null ? "" : " (use " + ours + ")")
          + " here: "
          + why;
    }

    /**
     * Whether {@code name} is this key (a key ending in {@code .*} stands for its whole prefix).
     */
    boolean matches(String name) {
      return key.endsWith(".*")
          ? name.startsWith(key.substring(0, key.length() - 1))
          : key.equals(name);
    }
  }

  public static final List<Entry> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              new Entry(
                  "type",
                  Status.RENAMED,
                  "type = io.accesslog.flume.sink.GzipHdfsSink",
                  "the same key with this sink's class as its value."),
              new Entry("channel", Status.SAME, "channel", "read by Flume, as for every sink."),
              new Entry(
                  "hdfs.path",
                  Status.RENAMED,
                  "hdfs.root + hdfs.path",
                  "stock's hdfs.path is the whole directory (URI and escapes); here hdfs.root is"
                      + " the fixed part (hdfs://namenode:8020/logs) and hdfs.path the template"
                      + " under it (%{app}/%Y%m%d/%H): split hdfs://nn/logs/%{app}/%Y%m%d into"
                      + " hdfs.root = hdfs://nn/logs and hdfs.path = %{app}/%Y%m%d."),
              new Entry(
                  "hdfs.filePrefix",
                  Status.RENAMED,
                  "hdfs.fileName",
                  "a template like hdfs.path (default %{host}.%Y%m%d%H); the sink appends"
                      + " .w-<writer.id>.<sequence>.gz."),
              new Entry(
                  "hdfs.fileSuffix",
                  Status.NOT_NEEDED,
                  null,
                  "every file ends in .gz (the suffix Hadoop picks GzipCodec by)."),
              new Entry(
                  "hdfs.inUsePrefix",
                  Status.NOT_NEEDED,
                  null,
                  "a file being written always starts with '_', which Hadoop, Hive and Spark skip,"
                      + " and gets its final name when it is finished."),
              new Entry(
                  "hdfs.inUseSuffix",
                  Status.NOT_NEEDED,
                  null,
                  "in-progress files are hidden by a '_' prefix (readers skip '_' and '.' names,"
                      + " not a .tmp suffix)."),
              new Entry(
                  "hdfs.emptyInUseSuffix",
                  Status.NOT_NEEDED,
                  null,
                  "in-progress files are hidden by a '_' prefix, never by a suffix."),
              new Entry(
                  "hdfs.rollInterval",
                  Status.NOT_SUPPORTED,
                  "roll.closeMinute, roll.bytes",
                  "files are per event hour: they are finished at roll.closeMinute past the next"
                      + " hour (with or without traffic) and when they reach roll.bytes, not after"
                      + " a fixed interval."),
              new Entry(
                  "hdfs.rollSize",
                  Status.RENAMED,
                  "roll.bytes",
                  "roll.bytes counts compressed bytes in the file; stock counts bytes of event"
                      + " bodies before compression."),
              new Entry(
                  "hdfs.rollCount",
                  Status.NOT_SUPPORTED,
                  "roll.bytes",
                  "files roll by size (roll.bytes) and by hour, not by event count."),
              new Entry(
                  "hdfs.idleTimeout",
                  Status.NOT_NEEDED,
                  null,
                  "no HDFS stream stays open between writes (each write is open, write, close), so"
                      + " there is nothing idle to close; an hour's files are finished at"
                      + " roll.closeMinute."),
              new Entry(
                  "hdfs.batchSize",
                  Status.RENAMED,
                  "batchSize",
                  "events taken per channel transaction; HDFS writes are batched separately"
                      + " (append.bytes, append.maxAge)."),
              new Entry(
                  "hdfs.codeC",
                  Status.NOT_NEEDED,
                  "compression.codec, compression.level",
                  "the output is always gzip; compression.codec picks the implementation (ISA-L or"
                      + " the JDK)."),
              new Entry(
                  "hdfs.fileType",
                  Status.NOT_NEEDED,
                  null,
                  "the output is always multi-member gzip text (stock's CompressedStream with"
                      + " gzip); SequenceFile and uncompressed DataStream are not supported."),
              new Entry(
                  "hdfs.maxOpenFiles",
                  Status.NOT_NEEDED,
                  "hdfs.writers",
                  "no stream stays open between writes; hdfs.writers bounds the streams open at"
                      + " once."),
              new Entry(
                  "hdfs.minBlockReplicas",
                  Status.NOT_NEEDED,
                  null,
                  "the sink never rolls a file because of under-replication; HDFS re-replicates by"
                      + " itself."),
              new Entry(
                  "hdfs.writeFormat",
                  Status.NOT_SUPPORTED,
                  null,
                  "it applies to SequenceFiles only, which this sink does not write."),
              new Entry(
                  "hdfs.threadsPoolSize",
                  Status.RENAMED,
                  "hdfs.writers",
                  "threads that run HDFS writes (each HDFS call is also bounded by"
                      + " hdfs.callTimeout)."),
              new Entry(
                  "hdfs.rollTimerPoolSize",
                  Status.NOT_NEEDED,
                  null,
                  "timers are checked by the sink's own runner thread; there is no roll timer"
                      + " pool."),
              new Entry(
                  "hdfs.kerberosPrincipal",
                  Status.SAME,
                  "hdfs.kerberosPrincipal",
                  "keytab login through Flume's authentication helper, as stock does."),
              new Entry("hdfs.kerberosKeytab", Status.SAME, "hdfs.kerberosKeytab", "as stock."),
              new Entry("hdfs.proxyUser", Status.SAME, "hdfs.proxyUser", "as stock."),
              new Entry(
                  "hdfs.round",
                  Status.NOT_SUPPORTED,
                  null,
                  "files are bucketed by event hour (the %Y%m%d%H escapes of hdfs.path); there is"
                      + " no rounding."),
              new Entry(
                  "hdfs.roundValue",
                  Status.NOT_SUPPORTED,
                  null,
                  "see hdfs.round: buckets are hours."),
              new Entry(
                  "hdfs.roundUnit",
                  Status.NOT_SUPPORTED,
                  null,
                  "see hdfs.round: buckets are hours."),
              new Entry(
                  "hdfs.timeZone",
                  Status.SAME,
                  "hdfs.timeZone",
                  "a java.time zone id; the default is UTC (stock: the agent's local zone)."),
              new Entry(
                  "hdfs.useLocalTimeStamp",
                  Status.NOT_SUPPORTED,
                  null,
                  "the event time comes from the timestamp header (set by the access-log"
                      + " interceptor from the log line); an event without one goes to the hour it"
                      + " arrived in and is counted (FallbackEvents)."),
              new Entry(
                  "hdfs.closeTries",
                  Status.NOT_NEEDED,
                  "retry.initialBackoff, retry.maxBackoff",
                  "every write and rename is retried with backoff until it succeeds; nothing is"
                      + " given up."),
              new Entry(
                  "hdfs.retryInterval",
                  Status.RENAMED,
                  "retry.initialBackoff, retry.maxBackoff",
                  "the wait before the second attempt, doubled per further failure up to"
                      + " retry.maxBackoff."),
              new Entry(
                  "hdfs.callTimeout",
                  Status.SAME,
                  "hdfs.callTimeout",
                  "bounds every HDFS call; a timed-out write is retried like any failed write."),
              new Entry(
                  "serializer",
                  Status.NOT_NEEDED,
                  null,
                  "each event body is written as one line, which is what stock's default TEXT"
                      + " serializer does."),
              new Entry(
                  "serializer.*",
                  Status.NOT_SUPPORTED,
                  null,
                  "the body is written as is, followed by a newline (stock's TEXT with"
                      + " appendNewline = true).")));

  /** The stock key {@code name} is, or null when it is none. */
  public static Entry find(String name) {
    for (Entry e : ALL) {
      if (e.matches(name)) {
        return e;
      }
    }
    return null;
  }

  /** The README's migration table. */
  public static String markdownTable() {
    StringBuilder b = new StringBuilder("| stock key | here | | why |\n|---|---|---|---|\n");
    for (Entry e : ALL) {
      b.append("| `")
          .append(e.key)
          .append("` | ")
          .append(
              e.ours == null
                  ? "-"
                  : "`" + e.ours.replace(", ", "`, `").replace(" + ", "` + `") + "`")
          .append(" | ")
          .append(e.status)
          .append(" | ")
          .append(e.why.replace("|", "\\|"))
          .append(" |\n");
    }
    return b.toString();
  }
}
