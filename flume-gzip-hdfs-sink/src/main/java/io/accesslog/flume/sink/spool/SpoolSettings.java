package io.accesslog.flume.sink.spool;

import io.accesslog.flume.sink.config.SinkKeys;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Immutable settings of the {@link Spool}. The keys, their defaults and documentation are declared
 * once in {@link SinkKeys} ({@code spool.dir}, {@code spool.segmentBytes}, {@code spool.maxBytes});
 * the sink's config parser reads them and calls the {@link Builder}, which validates everything and
 * names the offending key in its message.
 */
public final class SpoolSettings {
  /**
   * Smallest segment a builder accepts: below the key's own minimum (1 MiB), so tests and tools can
   * roll segments after a few records.
   */
  public static final long MIN_SEGMENT_BYTES = 4L << 10;

  /** The spool needs room for at least two segments: the active one and one being retired. */
  public static final long MIN_SEGMENTS_IN_MAX_BYTES = 2;

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
    return "SpoolSettings{"
        + SinkKeys.SPOOL_DIR.name()
        + "="
        + dir
        + ", "
        + SinkKeys.SPOOL_SEGMENT_BYTES.name()
        + "="
        + segmentBytes
        + ", "
        + SinkKeys.SPOOL_MAX_BYTES.name()
        + "="
        + maxBytes
        + "}";
  }

  /** Collects values, then {@link #build()} validates them all at once. */
  public static final class Builder {
    private Path dir;
    private long segmentBytes = SinkKeys.SPOOL_SEGMENT_BYTES.parsedDefault();
    private long maxBytes = SinkKeys.SPOOL_MAX_BYTES.parsedDefault();

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
      String dirKey = SinkKeys.SPOOL_DIR.name();
      String segmentKey = SinkKeys.SPOOL_SEGMENT_BYTES.name();
      String maxKey = SinkKeys.SPOOL_MAX_BYTES.name();
      if (dir == null) {
        throw new IllegalArgumentException(dirKey + " must be set: " + SinkKeys.SPOOL_DIR.doc());
      }
      if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > SinkKeys.SPOOL_SEGMENT_BYTES_MAX) {
        throw new IllegalArgumentException(
            String.format(
                "%s was set to %d, must be between %d (%s) and %d (%s); default %d (%s)",
                segmentKey,
                segmentBytes,
                MIN_SEGMENT_BYTES,
                io.accesslog.flume.core.Sizes.format(MIN_SEGMENT_BYTES),
                SinkKeys.SPOOL_SEGMENT_BYTES_MAX,
                io.accesslog.flume.core.Sizes.format(SinkKeys.SPOOL_SEGMENT_BYTES_MAX),
                SinkKeys.SPOOL_SEGMENT_BYTES.parsedDefault(),
                SinkKeys.SPOOL_SEGMENT_BYTES.defaultValue()));
      }
      if (maxBytes < MIN_SEGMENTS_IN_MAX_BYTES * segmentBytes) {
        throw new IllegalArgumentException(
            String.format(
                "%s was set to %d, must be at least %d x %s = %d; raise %s or lower %s",
                maxKey,
                maxBytes,
                MIN_SEGMENTS_IN_MAX_BYTES,
                segmentKey,
                MIN_SEGMENTS_IN_MAX_BYTES * segmentBytes,
                maxKey,
                segmentKey));
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
