package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the jars of one directory of a Flume install (lib/, plugins.d/x/lib, plugins.d/x/libext).
 */
public final class PluginLayout {
  private PluginLayout() {}

  /** Jar file names in {@code dir}, sorted; empty when the directory does not exist. */
  public static List<String> jars(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
