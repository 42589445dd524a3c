package io.accesslog.flume.sink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The operations tool ({@code accesslog-flume spool drain|inspect|verify}) runs the sink's spool
 * and compression code without Flume on its classpath; those read their key names and defaults from
 * {@link SinkKeys}, so the declarations must load without Flume too.
 */
class FlumeFreeKeysTest {

  private static URLClassLoader sinkClassesOnly() {
    URL classes = SinkKeys.class.getProtectionDomain().getCodeSource().getLocation();
    // accesslog-core: in the shipped jar it is bundled (relocated) with the sink's classes
    URL core =
        io.accesslog.flume.core.ConfigKey.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes, core}, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void sinkKeys_withoutFlume_loadAndBuildSpoolAndCompressionSettings() throws Exception {
    try (URLClassLoader loader = sinkClassesOnly()) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName("org.apache.flume.conf.ConfigurationException", false, loader),
          "no Flume here");

      Class<?> keys = Class.forName(SinkKeys.class.getName(), true, loader);
      assertEquals(
          SinkKeys.ALL.size(), ((java.util.List<?>) keys.getField("ALL").get(null)).size());

      Class<?> spoolSettings =
          Class.forName("io.accesslog.flume.sink.spool.SpoolSettings", true, loader);
      Object builder =
          spoolSettings.getMethod("builder", Path.class).invoke(null, Paths.get("/var/spool/x"));
      Object spool = builder.getClass().getMethod("build").invoke(builder);
      assertEquals(64L << 20, spool.getClass().getMethod("segmentBytes").invoke(spool));

      Class<?> codec = Class.forName("io.accesslog.flume.sink.gzip.CompressionCodec", true, loader);
      Class<?> compression =
          Class.forName("io.accesslog.flume.sink.gzip.CompressionSettings", true, loader);
      Object jdk = codec.getField("JDK").get(null);
      Object settings = compression.getMethod("of", codec, int.class).invoke(null, jdk, 1);
      assertEquals("compression.codec=jdk, compression.level=1", settings.toString());
    }
  }
}
