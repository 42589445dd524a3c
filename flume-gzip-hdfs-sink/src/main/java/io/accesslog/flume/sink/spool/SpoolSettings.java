package io.accesslog.flume.sink.spool;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Immutable settings of the {@link Spool}. Each key is declared once below with its default,
 * allowed range and description; the sink's config parser reads the Flume context and calls the
 * {@link Builder}, which validates everything and names the offending key in its message.
 */
public final class SpoolSettings {

  public static final String KEY_DIR = "spool.dir";
  public static final String DOC_DIR =
      "Local directory of the write-ahead spool. One directory per sink; it must be on a local "
          + "disk that survives a restart (not tmpfs).";

  public static final String KEY_SEGMENT_BYTES = "spool.segmentBytes";
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  public static final long MIN_SEGMENT_BYTES = 4L << 10;
  public static final long MAX_SEGMENT_BYTES = 1L << 30;
  public static final String DOC_SEGMENT_BYTES =
      "Size at which the spool starts a new segment file. Segments are the unit of retirement: "
          + "smaller segments free disk sooner, larger ones mean fewer files.";

  public static final String KEY_MAX_BYTES = "spool.maxBytes";
  public static final long DEFAULT_MAX_BYTES = 10L << 30;
  /** The spool needs room for at least two segments: the active one and one being retired. */
  public static final long MIN_SEGMENTS_IN_MAX_BYTES = 2;
  public static final String DOC_MAX_BYTES =
      "Disk budget of the spool. When it is reached the sink stops taking events from the channel "
          + "until HDFS catches up and segments are retired. At least 2 x spool.segmentBytes.";

  private final Path dir;
  private final long segmentBytes;
  private final long maxBytes;

  private SpoolSettings(Builder b) {
    this.dir = b.dir;
    this.segmentBytes = b.segmentBytes;
    this.maxBytes = b.maxBytes;
  }

  /** Starts a builder with the defaults; {@code dir} is required. */
  public static Builder builder(Path dir) {
    return new Builder().dir(dir);
  }

  public Path dir() {
    return dir;
  }

  public long segmentBytes() {
    return segmentBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public String toString() {
    return "SpoolSettings{" + KEY_DIR + "=" + dir + ", " + KEY_SEGMENT_BYTES + "=" + segmentBytes
        + ", " + KEY_MAX_BYTES + "=" + maxBytes + "}";
  }

  /** Collects values, then {@link #build()} validates them all at once. */
  public static final class Builder {
    private Path dir;
    private long segmentBytes = DEFAULT_SEGMENT_BYTES;
    private long maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    public Builder segmentBytes(long segmentBytes) {
      this.segmentBytes = segmentBytes;
      return this;
    }

    public Builder maxBytes(long maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the key, the value given and what is accepted
     */
    public SpoolSettings build() {
      if (dir == null) {
        throw new IllegalArgumentException(KEY_DIR + " must be set: " + DOC_DIR);
      }
      if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
        throw new IllegalArgumentException(String.format(
            "%s was set to %d, must be between %d (4 KiB) and %d (1 GiB); default %d (64 MiB)",
            KEY_SEGMENT_BYTES, segmentBytes, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES,
            DEFAULT_SEGMENT_BYTES));
      }
      if (maxBytes < MIN_SEGMENTS_IN_MAX_BYTES * segmentBytes) {
        throw new IllegalArgumentException(String.format(
            "%s was set to %d, must be at least %d x %s = %d; raise %s or lower %s",
            KEY_MAX_BYTES, maxBytes, MIN_SEGMENTS_IN_MAX_BYTES, KEY_SEGMENT_BYTES,
            MIN_SEGMENTS_IN_MAX_BYTES * segmentBytes, KEY_MAX_BYTES, KEY_SEGMENT_BYTES));
      }
      return new SpoolSettings(this);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SpoolSettings)) {
      return false;
    }
    SpoolSettings that = (SpoolSettings) o;
    return dir.equals(that.dir) && segmentBytes == that.segmentBytes && maxBytes == that.maxBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(dir, segmentBytes, maxBytes);
  }
}
