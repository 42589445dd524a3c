package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code flume-env.sh} on every JDK it claims: sourced by bash with {@code JAVA_HOME}
 * set (as {@code bin/flume-ng} does), its {@code JAVA_OPTS} must start that JVM. The JDKs on this
 * machine (the test's own, and the Temurin 25 in /usr/lib/jvm when present) run {@code java
 * $JAVA_OPTS -version} for real and write the GC log; JDK 8 and 11 are not installable here, so a
 * stand-in {@code java} that prints their version string checks the flags chosen for them (JDK 8
 * refuses {@code -Xlog} and takes {@code -Xloggc} with its rotation flags).
 */
class FlumeEnvTest {
  static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir Path dir;

  private static Path script() {
    return HarnessPaths.confExamples().resolve("flume-env.sh");
  }

  /** A JAVA_HOME whose bin/java only prints {@code version} like that JDK does. */
  private Path fakeJdk(String name, String version) throws IOException {
    Path bin = Files.createDirectories(dir.resolve(name).resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho 'openjdk version \""
            + version
            + "\" 2023-01-17' >&2\n"
            + "echo 'OpenJDK Runtime Environment' >&2\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin.getParent();
  }

  private static FlumeEnvIT.Sourced source(Path javaHome, Path logDir) throws Exception {
    return FlumeEnvIT.source(
        script(), Map.of("JAVA_HOME", javaHome.toString(), "FLUME_LOG_DIR", logDir.toString()));
  }

  @Test
  void jdk8_getsXloggcWithRotation_neverXlog() throws Exception {
    Path logs = dir.resolve("logs8");
    List<String> opts = source(fakeJdk("jdk8", "1.8.0_392"), logs).javaOpts();
    assertTrue(opts.contains("-Xloggc:" + logs + "/gc-%p.log"), opts.toString());
    assertTrue(
        opts.containsAll(
            List.of(
                "-XX:+UseGCLogFileRotation",
                "-XX:NumberOfGCLogFiles=5",
                "-XX:GCLogFileSize=20m",
                "-XX:+PrintGCDetails")),
        opts.toString());
    assertFalse(opts.stream().anyMatch(o -> o.startsWith("-Xlog:")), opts.toString());
    assertTrue(Files.isDirectory(logs), "log directory created");
  }

  @Test
  void jdk11AndLater_getUnifiedGcLog() throws Exception {
    for (String version : List.of("11.0.21", "21", "25.0.1")) {
      Path logs = dir.resolve("logs-" + version);
      List<String> opts = source(fakeJdk("jdk-" + version, version), logs).javaOpts();
      assertTrue(
          opts.stream().anyMatch(o -> o.startsWith("-Xlog:gc*:file=" + logs + "/gc-%p.log")),
          version + ": " + opts);
      assertFalse(opts.stream().anyMatch(o -> o.startsWith("-Xloggc")), version + ": " + opts);
    }
  }

  @Test
  void realJdks_startWithTheFlagsAndWriteTheGcLog() throws Exception {
    List<Path> homes = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
    if (Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
      homes.add(TEMURIN_25);
    }
    for (Path home : homes) {
      Path logs = dir.resolve("logs-" + home.getFileName()).resolve("nested");
      List<String> opts = source(home, logs).javaOpts();
      List<String> command = new ArrayList<>(List.of(home.resolve("bin/java").toString()));
      command.addAll(opts);
      command.add("-version");
      Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(
          0, java.waitFor(), home + " refused flume-env.sh's JAVA_OPTS " + opts + ":\n" + out);
      try (Stream<Path> files = Files.list(logs)) {
        assertTrue(
            files.anyMatch(p -> p.getFileName().toString().startsWith("gc-")),
            home + ": GC log in the directory flume-env.sh created");
      }
    }
  }

  @Test
  void unusableLogDir_warnsAndStartsWithoutGcLogFile() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    Path home = Path.of(System.getProperty("java.home"));
    List<String> opts = source(home, file.resolve("logs")).javaOpts();
    assertFalse(
        opts.stream().anyMatch(o -> o.startsWith("-Xlog:") || o.startsWith("-Xloggc")),
        opts.toString());
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/java").toString()));
    command.addAll(opts);
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    java.getInputStream().readAllBytes();
    assertEquals(0, java.waitFor(), "the agent JVM still starts");
  }
}
