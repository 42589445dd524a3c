package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The parent pom's {@code flume-lib-not-shipped} rule bans the artifacts that {@code
 * src/build/flume-lib-artifacts.txt} lists from a plugin's shipped dependencies. This checks that
 * list against the real thing, the {@code lib/} that integration-tests/flume-home lays out from
 * stock Flume 1.11.0, and checks what the install tarball puts in {@code plugins.d} class by class,
 * which the rule (artifacts only) cannot: a shaded or repackaged jar in a plugin's {@code lib/}.
 */
class FlumeLibArtifactsTest {
  /**
   * In the laid-out lib/ only as the HDFS sink's Hadoop client (commons-logging comes in through
   * hadoop-client-runtime alone), not in Flume's own lib/: the list's header says so.
   */
  private static final Set<String> HADOOP_CLIENT =
      Set.of("hadoop-client-api", "hadoop-client-runtime", "commons-logging");

  private final Path lib = HarnessPaths.flumeHome().root().resolve("lib");

  @Test
  void list_namesExactlyTheJarsOfFlumeLib() throws IOException {
    Set<String> listed = listedArtifactIds();
    List<String> jars = jarNames(lib);
    assertTrue(jars.size() > 100, "stock Flume lib/ at " + lib + ": " + jars.size() + " jars");

    Set<String> notListed = new TreeSet<>();
    for (String jar : jars) {
      if (listed.stream().noneMatch(a -> isJarOf(jar, a))
          && HADOOP_CLIENT.stream().noneMatch(a -> isJarOf(jar, a))) {
        notListed.add(jar);
      }
    }
    assertEquals(Set.of(), notListed, "jars in Flume's lib/ missing from flume-lib-artifacts.txt");

    Set<String> stale = new TreeSet<>();
    for (String artifactId : listed) {
      if (jars.stream().noneMatch(jar -> isJarOf(jar, artifactId))) {
        stale.add(artifactId);
      }
    }
    assertEquals(Set.of(), stale, "flume-lib-artifacts.txt entries with no jar in Flume's lib/");
  }

  @Test
  void pluginsD_shipsNoClassThatFlumeLibHas() throws IOException {
    Map<String, String> flumeClasses = new HashMap<>();
    for (String jar : jarNames(lib)) {
      if (HADOOP_CLIENT.stream().noneMatch(a -> isJarOf(jar, a))) {
        for (String name : classNames(lib.resolve(jar))) {
          flumeClasses.put(name, jar);
        }
      }
    }
    assertTrue(flumeClasses.size() > 10_000, "classes in Flume's lib/: " + flumeClasses.size());

    Map<String, String> shippedTwice = new TreeMap<>();
    int checked = 0;
    for (Path plugin : HarnessPaths.flumeHome().plugins()) {
      for (String sub : List.of("lib", "libext")) {
        Path dir = plugin.resolve(sub);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        for (String jar : jarNames(dir)) {
          for (String name : classNames(dir.resolve(jar))) {
            checked++;
            String inLib = flumeClasses.get(name);
            if (inLib != null) {
              // one entry per pair of jars: the first class found, and how many
              shippedTwice.merge(
                  plugin.getFileName() + "/" + sub + "/" + jar + " and lib/" + inLib,
                  "1 class, e.g. " + name,
                  (was, one) -> countUp(was));
            }
          }
        }
      }
    }
    assertTrue(checked > 100, "classes checked in plugins.d: " + checked);
    assertEquals(Map.of(), shippedTwice, "plugins.d jars with classes Flume's lib/ also has");
  }

  private static String countUp(String counted) {
    int space = counted.indexOf(' ');
    int n = Integer.parseInt(counted.substring(0, space)) + 1;
    return n + " classes" + counted.substring(counted.indexOf(','));
  }

  @Test
  void isJarOf_matchesTheArtifactIdFollowedByAVersion() {
    assertTrue(isJarOf("log4j-1.2-api-2.18.0.jar", "log4j-1.2-api"));
    assertTrue(
        isJarOf(
            "netty-transport-native-epoll-4.1.72.Final-linux-x86_64.jar",
            "netty-transport-native-epoll"));
    assertTrue(isJarOf("kafka_2.13-2.7.2.jar", "kafka_2.13"));
    assertFalse(isJarOf("kafka-clients-2.7.2.jar", "kafka"));
    assertFalse(isJarOf("avro-ipc-netty-1.11.0.jar", "avro-ipc"));
  }

  /** {@code artifactId-version[-classifier].jar}, the names dependency:copy-dependencies gives. */
  static boolean isJarOf(String jar, String artifactId) {
    return jar.endsWith(".jar")
        && jar.length() > artifactId.length() + 1
        && jar.startsWith(artifactId + "-")
        && Character.isDigit(jar.charAt(artifactId.length() + 1));
  }

  private static Set<String> listedArtifactIds() throws IOException {
    Path list =
        Path.of(
            System.getProperty(
                "accesslog.flumeLibArtifacts", "../../src/build/flume-lib-artifacts.txt"));
    Set<String> artifactIds = new TreeSet<>();
    for (String line : Files.readAllLines(list)) {
      String entry = line.trim();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String[] groupAndArtifact = entry.split(":");
      assertEquals(2, groupAndArtifact.length, "not groupId:artifactId in " + list + ": " + line);
      artifactIds.add(groupAndArtifact[1]);
    }
    assertTrue(artifactIds.size() > 100, list + ": " + artifactIds.size() + " entries");
    return artifactIds;
  }

  private static List<String> jarNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".jar"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Class entries, without META-INF/ (multi-release copies) and module-info. */
  private static List<String> classNames(Path jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class")
            && !name.startsWith("META-INF/")
            && !name.endsWith("module-info.class")) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
