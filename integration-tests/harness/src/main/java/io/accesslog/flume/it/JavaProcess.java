package io.accesslog.flume.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the harness starts as its own process (Kafka broker, Flume agent, tools), with its output
 * in one log file. Stopping is graceful (SIGTERM, then SIGKILL after a grace period); {@link
 * #kill()} is kill -9 for crash tests.
 */
public final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path logFile;

  private JavaProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** User + system CPU time the process has used so far, in seconds (Linux: from /proc). */
  public double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** Waits for the process to exit on its own; returns its exit code or throws on timeout. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name
                + " did not exit within "
                + timeout.toSeconds()
                + " s; log "
                + logFile
                + ":\n"
                + logTail(40));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  /** Throws, with the end of its log, when the process has died. */
  public void requireAlive(String activity) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " died (exit code "
              + process.exitValue()
              + ") while "
              + activity
              + "; last lines of "
              + logFile
              + ":\n"
              + logTail(60));
    }
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns the exit code. Idempotent. */
  public int stop(Duration grace) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          System.err.println(
              "[harness] "
                  + name
                  + " did not stop within "
                  + grace.toSeconds()
                  + " s of SIGTERM; killing it");
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Sends SIGTERM and returns at once (see {@link #stop} for the waiting version). */
  public void terminate() {
    process.destroy();
  }

  /** kill -9: no shutdown hook runs. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  /** Sends {@code signal} ({@code STOP}, {@code CONT}, ...) to the process ({@code kill}). */
  public void signal(String signal) {
    run(List.of("kill", "-" + signal, Long.toString(process.pid())), "kill -" + signal);
  }

  /** The JVM's thread dump ({@code jcmd <pid> Thread.print}). */
  public String threadDump() {
    return run(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(process.pid()),
            "Thread.print"),
        "thread dump");
  }

  private String run(List<String> command, String what) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(what + " of " + name + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(what + " of " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what + " of " + name, e);
    }
  }

  public String logTail(int lines) {
    try {
      if (!Files.exists(logFile)) {
        return "(no log)";
      }
      List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Collects what a {@code java} command line needs. */
  public static final class Builder {
    private final String name;
    private final List<String> classpath = new ArrayList<>();
    private String cpus;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String mainClass;
    private Path workDir;
    private Path logFile;
    private Path javaHome = Path.of(System.getProperty("java.home"));

    private Builder(String name) {
      this.name = name;
    }

    public Builder classpath(String entry) {
      classpath.add(entry);
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** The JDK whose {@code bin/java} runs the process (default: the one running this code). */
    public Builder javaHome(Path home) {
      this.javaHome = home;
      return this;
    }

    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    /**
     * Pins the JVM to these CPUs ({@code taskset -c}, which execs java: the process is the JVM, so
     * its CPU times are the JVM's); null: not pinned.
     */
    public Builder cpus(String cpuList) {
      this.cpus = cpuList;
      return this;
    }

    public JavaProcess start() {
      List<String> command = new ArrayList<>();
      if (cpus != null) {
        command.add("taskset");
        command.add("-c");
        command.add(cpus);
      }
      command.add(javaHome.resolve("bin").resolve("java").toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(String.join(File.pathSeparator, classpath));
      command.add(mainClass);
      command.addAll(args);
      try {
        Files.createDirectories(workDir);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return new JavaProcess(name, builder.start(), logFile);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start " + name + ": " + command, e);
      }
    }
  }
}
