package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Proof of the Java 8 claim without a JDK 8 (none can be installed here): every class in our plugin
 * jars as the install tarball ships them ({@code plugins.d/<plugin>/lib/*.jar} of the laid-out
 * Flume home) has class-file major version 52, so a Java 8 JVM loads it. {@code --release 8} also
 * limits the JDK API to Java 8's, which the compiler checks. Third-party jars in {@code libext/}
 * are not ours (the sink's GKL is for Java 17 and is only used when it loads).
 */
class PluginBytecodeIT {
  private static final int JAVA_8 = 52;

  @Test
  void pluginJars_everyClassIsJava8Bytecode() throws IOException {
    Map<String, Integer> wrong = new TreeMap<>();
    List<Path> jars = new ArrayList<>();
    for (Path plugin : HarnessPaths.flumeHome().plugins()) {
      try (Stream<Path> files = Files.list(plugin.resolve("lib"))) {
        files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
      }
    }
    assertTrue(jars.size() >= 4, "our plugin jars (source, interceptor, sink, reporter): " + jars);
    int classes = 0;
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
            continue;
          }
          classes++;
          int major = majorVersion(file.getInputStream(entry));
          if (major != JAVA_8) {
            wrong.put(jar.getFileName() + "!" + entry.getName(), major);
          }
        }
      }
    }
    assertTrue(classes > 100, "classes checked: " + classes);
    assertEquals(Map.of(), wrong, "classes not compiled for Java 8 (major " + JAVA_8 + ")");
  }

  /**
   * Each plugin jar holds its own package and accesslog-core relocated under it
   * (maven-shade-plugin), nothing else: no unrelocated core (two plugins of different versions
   * would share it), and no Flume, Hadoop or Kafka class (they come from the install and the
   * cluster).
   */
  @Test
  void pluginJars_ownPackagePlusRelocatedCoreOnly() throws IOException {
    Map<String, String> foreign = new TreeMap<>();
    int jars = 0;
    for (Path plugin : HarnessPaths.flumeHome().plugins()) {
      List<Path> libs;
      try (Stream<Path> files = Files.list(plugin.resolve("lib"))) {
        libs = files.filter(f -> f.toString().endsWith(".jar")).toList();
      }
      for (Path jar : libs) {
        jars++;
        try (JarFile file = new JarFile(jar.toFile())) {
          List<String> classes =
              file.stream()
                  .map(JarEntry::getName)
                  .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                  .toList();
          String own = ownPackage(classes);
          assertTrue(own != null, jar + ": no plugin class under io/accesslog/flume/<plugin>/");
          assertTrue(
              classes.contains(own + "internal/core/PathRule.class"),
              jar + ": accesslog-core is not bundled under " + own + "internal/core/");
          for (String c : classes) {
            if (!c.startsWith(own)) {
              foreign.put(jar.getFileName() + "!" + c, "outside " + own);
            }
          }
        }
      }
    }
    assertTrue(jars >= 4, "plugin jars checked: " + jars);
    assertEquals(
        Map.of(), foreign, "classes that are neither the plugin's own nor its relocated core");
  }

  /** {@code io/accesslog/flume/<plugin>/}, the package of the plugin's own classes. */
  private static String ownPackage(List<String> classes) {
    for (String c : classes) {
      String[] parts = c.split("/");
      if (parts.length > 4 && c.startsWith("io/accesslog/flume/") && !parts[3].equals("core")) {
        return "io/accesslog/flume/" + parts[3] + "/";
      }
    }
    return null;
  }

  private static int majorVersion(InputStream in) throws IOException {
    try (DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt(), "not a class file");
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
