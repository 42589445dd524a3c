package io.accesslog.flume.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tools the tests run that come from Debian packages ({@code promtool} from {@code prometheus},
 * {@code chromium}, {@code chromedriver} from {@code chromium-driver}). A missing tool is installed
 * with apt-get when we are root, so {@code mvn -B verify} needs no manual step; otherwise the test
 * fails saying what to install. Never skips, never downloads anything but Debian packages.
 */
public final class DebianTools {
  private DebianTools() {}

  /**
   * The absolute path of {@code command}, installing {@code debianPackage} first if it is missing.
   */
  public static synchronized Path require(String command, String debianPackage) {
    Path found = which(command);
    if (found != null) {
      return found;
    }
    Path aptGet = which("apt-get");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (aptGet == null || !root) {
      throw new IllegalStateException(
          command
              + " is not installed and cannot be installed here ("
              + (aptGet == null ? "no apt-get" : "not root")
              + "): install the Debian package '"
              + debianPackage
              + "' (apt-get install -y "
              + debianPackage
              + ") and run the tests again");
    }
    Path log = HarnessPaths.workDir().resolve("apt-get-" + debianPackage + ".log");
    run(log, aptGet.toString(), "update");
    run(log, aptGet.toString(), "install", "-y", "--no-install-recommends", debianPackage);
    found = which(command);
    if (found == null) {
      throw new IllegalStateException(
          "apt-get installed "
              + debianPackage
              + " but "
              + command
              + " is still not on PATH; see "
              + log);
    }
    return found;
  }

  private static void run(Path log, String... command) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within 10 min; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + process.exitValue() + "); see " + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  static Path which(String command) {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin"));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
