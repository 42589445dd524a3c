package io.accesslog.flume.sink.config;

/**
 * Sink keys of the write path: level 1 (lines per gzip member) and level 2 (members per HDFS write)
 * buffers, rolling, the memory cap, compression, and the worker threads.
 *
 * <p>Declared here, named by users as {@code SinkKeys.<KEY>} ({@link SinkKeys} extends this group;
 * the README table lists {@link SinkKeys#ALL}).
 */
interface WriteKeys {
  // --- level 1 and level 2 buffers, rolling
  ConfigKey<Long> MEMBER_LINES =
      ConfigKey.integer(
          "member.lines",
          1000,
          1,
          1_000_000,
          "Level 1: lines per gzip member (more lines, better ratio; ~1000 is the knee).");
  ConfigKey<Long> MEMBER_MAX_AGE =
      ConfigKey.millis(
          "member.maxAge",
          "2m",
          1000,
          3_600_000,
          "Level 1: the oldest buffered line of a target waits at most this long before it is compressed.");
  ConfigKey<Long> APPEND_BYTES =
      ConfigKey.bytes(
          "append.bytes",
          "5MB",
          1L << 10,
          1L << 30,
          "Level 2: compressed bytes of a target that trigger one HDFS write.");
  ConfigKey<Long> APPEND_MAX_AGE =
      ConfigKey.millis(
          "append.maxAge",
          "10m",
          1000,
          86_400_000,
          "Level 2: the oldest member of a target waits at most this long before an HDFS write.");
  ConfigKey<Long> APPEND_JITTER_PERCENT =
      ConfigKey.integer(
          "append.jitterPercent",
          20,
          0,
          90,
          "Each target's append.maxAge is shortened by a fixed share of up to this many percent, so the "
              + "age-triggered writes of thousands of targets do not line up.");
  ConfigKey<Long> ROLL_BYTES =
      ConfigKey.bytes(
          "roll.bytes",
          "100MB",
          1L << 10,
          1L << 40,
          "A file is finished (renamed to its final name) once its compressed size reaches this.");
  ConfigKey<Long> ROLL_CLOSE_MINUTE =
      ConfigKey.integer(
          "roll.closeMinute",
          5,
          0,
          59,
          "Minute past the next hour at which an hour's files are finished, with or without traffic.");
  ConfigKey<Long> BUFFER_MAX_BYTES =
      ConfigKey.bytes(
          "buffer.maxBytes",
          "256MB",
          1L << 20,
          1L << 40,
          "Heap for level 1 + level 2 + in-flight data of the whole sink; above it, buffers are "
              + "compressed and written early; far above it the sink stops taking.");

  // --- compression and threads
  ConfigKey<String> COMPRESSION_CODEC =
      ConfigKey.choice(
          "compression.codec",
          "auto",
          "auto: ISA-L (Intel GKL) when its native library loads on this JVM (Java 17+, x86-64) and the "
              + "level is 1 or 2, else the JDK Deflater; isal: ISA-L or fail; jdk: the JDK Deflater.",
          "auto",
          "isal",
          "jdk");
  ConfigKey<Long> COMPRESSION_LEVEL =
      ConfigKey.integer(
          "compression.level",
          1,
          1,
          9,
          "Deflate level (ISA-L supports 1 and 2). See 'Compression' for measured ratio and CPU per level.");
  ConfigKey<Long> WORKERS =
      ConfigKey.integer(
          "sink.workers",
          2,
          1,
          64,
          "Threads that compress members (CPU-bound; the runner thread takes, spools and routes).");
  ConfigKey<Long> HDFS_WRITERS =
      ConfigKey.integer(
          "hdfs.writers",
          8,
          1,
          256,
          "Threads that write to HDFS, i.e. the most HDFS output streams open at once. Each write "
              + "waits on the NameNode (a close often takes 0.4 s or more), so several run in parallel.");
  ConfigKey<Long> BATCH_SIZE =
      ConfigKey.integer(
          "batchSize",
          10_000,
          1,
          1_000_000,
          "Events taken from the channel per transaction (one spool fsync each).");
}
