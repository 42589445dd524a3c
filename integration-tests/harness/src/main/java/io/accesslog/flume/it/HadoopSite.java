package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes Hadoop {@code *-site.xml} files for the JVMs the harness starts. */
final class HadoopSite {
  private HadoopSite() {}

  /**
   * {@code dir/name} holding {@code properties} (values are not escaped: the harness writes plain
   * ones).
   */
  static void write(Path dir, String name, Map<String, String> properties) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    properties.forEach(
        (k, v) ->
            xml.append("  <property><name>")
                .append(k)
                .append("</name><value>")
                .append(v)
                .append("</value></property>\n"));
    xml.append("</configuration>\n");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(name), e);
    }
  }
}
