package io.accesslog.flume.sink.config;

/**
 * Sink keys of durability: whether a batch is made durable in the local spool before its channel
 * transaction commits, and the spool's place and sizes.
 *
 * <p>Declared here, named by users as {@code SinkKeys.<KEY>} ({@link SinkKeys} extends this group;
 * the README table lists {@link SinkKeys#ALL}).
 */
interface SpoolKeys {
  // --- durability
  ConfigKey<String> DURABILITY =
      ConfigKey.choice(
          "sink.durability",
          "spool",
          "spool: a batch is fsynced to the local spool before the channel transaction commits; "
              + "none: memory only, buffered lines are lost if the agent dies (must be chosen explicitly).",
          "spool",
          "none");
  ConfigKey<String> SPOOL_DIR =
      ConfigKey.string(
          "spool.dir",
          "",
          "a local directory, writable, one per sink (required with sink.durability = spool)",
          "Local write-ahead spool, on a disk that survives a restart (not tmpfs).");

  /** Largest {@link #SPOOL_SEGMENT_BYTES}, for the key and for spool settings built directly. */
  long SPOOL_SEGMENT_BYTES_MAX = 1L << 30;

  ConfigKey<Long> SPOOL_SEGMENT_BYTES =
      ConfigKey.bytes(
          "spool.segmentBytes",
          "64MB",
          1L << 20,
          SPOOL_SEGMENT_BYTES_MAX,
          "Spool segment file size; whole segments are deleted once HDFS holds their lines (smaller segments free "
              + "disk sooner, larger ones mean fewer files).");
  ConfigKey<Long> SPOOL_MAX_BYTES =
      ConfigKey.bytes(
          "spool.maxBytes",
          "10GB",
          1L << 20,
          1L << 50,
          "Spool size at which the sink stops taking from its channel (backpressure): while HDFS is "
              + "down the spool keeps every taken batch, so this is how much of an outage the sink absorbs "
              + "before the channel and then the source are held back. At least 2 x spool.segmentBytes.");
}
