package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.sink.config.SinkKeys;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The sink's compression settings as an immutable value. The keys, their defaults, allowed values
 * and documentation are declared once in {@link SinkKeys} ({@code compression.codec}, {@code
 * compression.level}); this class adds the check across both. Invalid values fail fast with a
 * message naming the key, the value and what is accepted; they never fall back to a default.
 */
public final class CompressionSettings {
  private final CompressionCodec codec;
  private final int level;

  private CompressionSettings(CompressionCodec codec, int level) {
    this.codec = codec;
    this.level = level;
  }

  /**
   * Validated settings.
   *
   * @throws IllegalArgumentException for a level deflate does not have, or one the codec cannot do
   */
  public static CompressionSettings of(CompressionCodec codec, int level) {
    String codecKey = SinkKeys.COMPRESSION_CODEC.name();
    String levelKey = SinkKeys.COMPRESSION_LEVEL.name();
    if (codec == null) {
      throw new IllegalArgumentException(
          codecKey + " must be one of " + CompressionCodec.allowedValues());
    }
    if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException(
          levelKey
              + " value was set to "
              + level
              + ", must be an integer from "
              + Deflater.BEST_SPEED
              + " to "
              + Deflater.BEST_COMPRESSION);
    }
    if (codec == CompressionCodec.ISAL && !IsalProbe.supportsLevel(level)) {
      throw new IllegalArgumentException(
          levelKey
              + "="
              + level
              + " is not supported with "
              + codecKey
              + "=isal (ISA-L supports levels 1 and 2); set "
              + levelKey
              + " to 1 or 2, or "
              + codecKey
              + " to auto or jdk");
    }
    return new CompressionSettings(codec, level);
  }

  /**
   * Reads {@code compression.codec} and {@code compression.level} from a Flume context's
   * parameters.
   *
   * @throws org.apache.flume.conf.ConfigurationException for a value its key does not allow, naming
   *     {@code component}, the key, the value and what is allowed
   * @throws IllegalArgumentException when the two do not go together (see {@link #of})
   */
  public static CompressionSettings fromProperties(
      String component, Map<String, String> properties) {
    String codec = SinkKeys.COMPRESSION_CODEC.read(component, properties);
    long level = SinkKeys.COMPRESSION_LEVEL.read(component, properties);
    return of(CompressionCodec.valueOf(codec.toUpperCase(Locale.ROOT)), (int) level);
  }

  public CompressionCodec codec() {
    return codec;
  }

  public int level() {
    return level;
  }

  @Override
  public String toString() {
    return SinkKeys.COMPRESSION_CODEC.name()
        + "="
        + codec.configValue()
        + ", "
        + SinkKeys.COMPRESSION_LEVEL.name()
        + "="
        + level;
  }
}
