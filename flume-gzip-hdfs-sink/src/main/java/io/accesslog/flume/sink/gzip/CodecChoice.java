package io.accesslog.flume.sink.gzip;

import io.accesslog.flume.sink.config.SinkKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deflate backend chosen for a {@link CompressionSettings}: its name for the metric, the reason
 * for the log, and a factory for encoders. Choose once when the sink starts, then create one
 * encoder per compressing thread.
 */
public final class CodecChoice {

  private static final Logger LOG = LoggerFactory.getLogger(CodecChoice.class);

  private final String backend;
  private final int level;
  private final String reason;

  private CodecChoice(String backend, int level, String reason) {
    this.backend = backend;
    this.level = level;
    this.reason = reason;
  }

  /**
   * Chooses for this JVM and logs the choice with its reason.
   *
   * @throws IllegalStateException for {@code compression.codec=isal} when ISA-L cannot be used
   */
  public static CodecChoice select(CompressionSettings settings) {
    CodecChoice choice = choose(settings, IsalProbe.status());
    LOG.info("gzip compression: {}", choice.reason);
    return choice;
  }

  /** The decision itself, on a given ISA-L status; pure, so tests can script the status. */
  static CodecChoice choose(CompressionSettings settings, IsalProbe.Result isal) {
    int level = settings.level();
    switch (settings.codec()) {
      case JDK:
        return jdk(level, SinkKeys.COMPRESSION_CODEC.name() + "=jdk");
      case ISAL:
        if (!isal.usable()) {
          throw new IllegalStateException(
              SinkKeys.COMPRESSION_CODEC.name()
                  + "=isal but ISA-L "
                  + "cannot be used: "
                  + isal.detail()
                  + "; set "
                  + SinkKeys.COMPRESSION_CODEC.name()
                  + "=auto to fall back to the JDK Deflater, or jdk");
        }
        return isal(level, SinkKeys.COMPRESSION_CODEC.name() + "=isal");
      case AUTO:
      default:
        if (!isal.usable()) {
          return jdk(level, "ISA-L not usable: " + isal.detail());
        }
        if (!IsalProbe.supportsLevel(level)) {
          return jdk(
              level,
              "ISA-L supports levels 1 and 2, " + SinkKeys.COMPRESSION_LEVEL.name() + "=" + level);
        }
        return isal(level, SinkKeys.COMPRESSION_CODEC.name() + "=auto and " + isal.detail());
    }
  }

  private static CodecChoice jdk(int level, String why) {
    return new CodecChoice(
        JdkDeflateBackend.NAME, level, why + "; using JDK Deflater level " + level);
  }

  private static CodecChoice isal(int level, String why) {
    return new CodecChoice(IsalDeflateBackend.NAME, level, why + "; using ISA-L level " + level);
  }

  /** {@code "isal"} or {@code "jdk"}: the value for the active-backend metric. */
  public String backend() {
    return backend;
  }

  public int level() {
    return level;
  }

  /** One line for the log: why this backend, e.g. "ISA-L not usable: ...; using JDK ...". */
  public String reason() {
    return reason;
  }

  /** A new encoder on the chosen backend; the caller closes it. */
  public GzipMemberEncoder newEncoder() {
    DeflateBackend b =
        IsalDeflateBackend.NAME.equals(backend)
            ? new IsalDeflateBackend(level)
            : new JdkDeflateBackend(level);
    return new GzipMemberEncoder(b);
  }

  @Override
  public String toString() {
    return backend + " level " + level;
  }
}
