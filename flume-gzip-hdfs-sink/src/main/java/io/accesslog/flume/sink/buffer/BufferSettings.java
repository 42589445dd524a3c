package io.accesslog.flume.sink.buffer;

/**
 * The roll, flush and memory limits of the write path, validated by the sink's settings parser.
 *
 * @param memberLines level 1: lines per gzip member ({@code member.lines})
 * @param memberMaxAgeMillis level 1: oldest line waits at most this long before it is compressed
 *     ({@code member.maxAge})
 * @param appendBytes level 2: compressed bytes that trigger one HDFS write ({@code append.bytes})
 * @param appendMaxAgeMillis level 2: oldest member waits at most this long before an HDFS write
 *     ({@code append.maxAge}); each target's own limit is shortened by up to {@code appendJitter}
 *     of it
 * @param appendJitter fraction in [0, 1) that spreads the age-triggered writes of many targets
 * @param rollBytes a file is finished once its compressed size reaches this ({@code roll.bytes})
 * @param closeMinute minute past the next hour at which an hour's files are finished ({@code
 *     roll.closeMinute})
 * @param maxBufferBytes level 1 + level 2 + in-flight bytes for the whole sink ({@code
 *     buffer.maxBytes})
 */
public final class BufferSettings {
  final int memberLines;
  final long memberMaxAgeMillis;
  final long appendBytes;
  final long appendMaxAgeMillis;
  final double appendJitter;
  final long rollBytes;
  final int closeMinute;
  final long maxBufferBytes;

  public BufferSettings(
      int memberLines,
      long memberMaxAgeMillis,
      long appendBytes,
      long appendMaxAgeMillis,
      double appendJitter,
      long rollBytes,
      int closeMinute,
      long maxBufferBytes) {
    this.memberLines = memberLines;
    this.memberMaxAgeMillis = memberMaxAgeMillis;
    this.appendBytes = appendBytes;
    this.appendMaxAgeMillis = appendMaxAgeMillis;
    this.appendJitter = appendJitter;
    this.rollBytes = rollBytes;
    this.closeMinute = closeMinute;
    this.maxBufferBytes = maxBufferBytes;
  }

  public int closeMinute() {
    return closeMinute;
  }

  /**
   * The documented defaults: 1000 lines / 2 min, 5 MB / 10 min (20 % jitter), 100 MB, HH:05, 256
   * MB.
   */
  public static BufferSettings defaults() {
    return new BufferSettings(1000, 120_000L, 5L << 20, 600_000L, 0.2, 100L << 20, 5, 256L << 20);
  }

  @Override
  public String toString() {
    return "member.lines="
        + memberLines
        + " member.maxAge="
        + memberMaxAgeMillis
        + "ms append.bytes="
        + appendBytes
        + " append.maxAge="
        + appendMaxAgeMillis
        + "ms (jitter "
        + appendJitter
        + ") roll.bytes="
        + rollBytes
        + " roll.closeMinute="
        + closeMinute
        + " buffer.maxBytes="
        + maxBufferBytes;
  }
}
