package io.accesslog.flume.sink.gzip;

import java.util.Locale;

/** Values of {@code compression.codec}: which deflate implementation compresses the members. */
public enum CompressionCodec {
  /** ISA-L when its native library loads and supports the level, else the JDK Deflater. */
  AUTO,
  /** ISA-L only; the sink refuses to start when it cannot be used. */
  ISAL,
  /** The JDK's zlib Deflater, on every platform and at every level. */
  JDK;

  /** The spelling in the Flume configuration. */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Allowed values as the error messages list them: {@code auto, isal, jdk}. */
  static String allowedValues() {
    StringBuilder sb = new StringBuilder();
    for (CompressionCodec c : values()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(c.configValue());
    }
    return sb.toString();
  }
}
