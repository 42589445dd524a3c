package io.accesslog.flume.sink.gzip;

import java.util.Map;

/**
 * The sink's compression keys, parsed once from the Flume context into an immutable value.
 *
 * <p>Each key is declared once here with its default, its accepted values and its documentation.
 * Invalid values fail fast with a message naming the key, the value and what is accepted; they never
 * fall back to a default.
 */
public final class CompressionSettings {

  public static final String CODEC_KEY = "compression.codec";
  public static final CompressionCodec CODEC_DEFAULT = CompressionCodec.AUTO;
  public static final String CODEC_DOC = "Deflate implementation: auto (ISA-L when its native "
      + "library loads and supports the level, else the JDK Deflater), isal (fail to start "
      + "without ISA-L), jdk (always the JDK Deflater).";

  public static final String LEVEL_KEY = "compression.level";
  public static final int LEVEL_DEFAULT = 1;
  public static final int LEVEL_MIN = 1;
  public static final int LEVEL_MAX = 9;
  public static final String LEVEL_DOC = "Deflate level, 1 (fastest) to 9 (smallest). ISA-L "
      + "supports 1 and 2. Level 1 is the default: see the Compression section of the README.";

  private final CompressionCodec codec;
  private final int level;

  private CompressionSettings(CompressionCodec codec, int level) {
    this.codec = codec;
    this.level = level;
  }

  /** Validated settings; the same checks as {@link #fromProperties(Map)}. */
  public static CompressionSettings of(CompressionCodec codec, int level) {
    if (codec == null) {
      throw new IllegalArgumentException(CODEC_KEY + " must be one of "
          + CompressionCodec.allowedValues());
    }
    if (level < LEVEL_MIN || level > LEVEL_MAX) {
      throw new IllegalArgumentException(LEVEL_KEY + " value was set to " + level
          + ", must be an integer from " + LEVEL_MIN + " to " + LEVEL_MAX);
    }
    if (codec == CompressionCodec.ISAL && !IsalProbe.supportsLevel(level)) {
      throw new IllegalArgumentException(LEVEL_KEY + "=" + level + " is not supported with "
          + CODEC_KEY + "=isal (ISA-L supports levels 1 and 2); set " + LEVEL_KEY
          + " to 1 or 2, or " + CODEC_KEY + " to auto or jdk");
    }
    return new CompressionSettings(codec, level);
  }

  /** Reads {@link #CODEC_KEY} and {@link #LEVEL_KEY} (e.g. from Flume's context parameters). */
  public static CompressionSettings fromProperties(Map<String, String> properties) {
    String codecValue = properties.get(CODEC_KEY);
    CompressionCodec codec = CODEC_DEFAULT;
    if (codecValue != null) {
      codec = CompressionCodec.fromConfigValue(codecValue);
      if (codec == null) {
        throw new IllegalArgumentException(CODEC_KEY + " value was set to '" + codecValue
            + "', must be one of " + CompressionCodec.allowedValues());
      }
    }
    String levelValue = properties.get(LEVEL_KEY);
    int level = LEVEL_DEFAULT;
    if (levelValue != null) {
      try {
        level = Integer.parseInt(levelValue.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(LEVEL_KEY + " value was set to '" + levelValue
            + "', must be an integer from " + LEVEL_MIN + " to " + LEVEL_MAX, e);
      }
    }
    return of(codec, level);
  }

  public CompressionCodec codec() {
    return codec;
  }

  public int level() {
    return level;
  }

  @Override
  public String toString() {
    return CODEC_KEY + "=" + codec.configValue() + ", " + LEVEL_KEY + "=" + level;
  }
}
