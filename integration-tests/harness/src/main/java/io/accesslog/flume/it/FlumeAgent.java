package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Flume agent (1.11.0, or 1.10.1 from {@link HarnessPaths#flumeHome110}) in its own JVM on a
 * chosen JDK ({@link Builder#javaHome}), started the way {@code bin/flume-ng agent} does: classpath
 * {@code conf}, {@code lib/*}, then each {@code plugins.d/<plugin>/lib/*} and {@code libext/*},
 * main class {@code org.apache.flume.node.Application}. Flume's HTTP monitoring (on a free loopback
 * port) is both the readiness check (every expected component listed) and the counter source.
 *
 * <p>This class is the running agent's handle; {@link AgentLauncher} starts it and {@link
 * AgentMonitor} reads its counters.
 */
public final class FlumeAgent implements AutoCloseable {
  private final JavaProcess process;
  private final AgentMonitor monitor;
  private final Path workDir;

  FlumeAgent(JavaProcess process, AgentMonitor monitor, Path workDir) {
    this.process = process;
    this.monitor = monitor;
    this.workDir = workDir;
  }

  public static Builder builder(FlumeHome home) {
    return new Builder(home);
  }

  public JavaProcess process() {
    return process;
  }

  public Path workDir() {
    return workDir;
  }

  public Path gcLog() {
    return workDir.resolve("gc.log");
  }

  /**
   * All counters, as Flume's HTTP /metrics reports them: {"SINK.k1": {"EventDrainSuccessCount":
   * "12"}} (read over JMX when the agent runs another monitor, see {@link Builder#monitoring}).
   */
  public Map<String, Map<String, String>> metrics() {
    try {
      return monitor.read();
    } catch (IOException e) {
      process.requireAlive("serving /metrics");
      throw new UncheckedIOException("agent metrics unreadable on port " + monitor.port(), e);
    }
  }

  /**
   * One counter, e.g. {@code counter("SINK.hdfs", "EventDrainSuccessCount")}; 0 when not reported.
   */
  public long counter(String component, String key) {
    Map<String, String> values = metrics().get(component);
    if (values == null || values.get(key) == null) {
      return 0;
    }
    return Long.parseLong(values.get(key));
  }

  /**
   * Waits until {@code component}'s {@code key} counter reaches {@code target}; fails with the
   * agent's log when the agent dies or the deadline passes.
   */
  public long awaitCounter(String component, String key, long target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long value = 0;
    while (System.nanoTime() < deadline) {
      process.requireAlive("waiting for " + component + "." + key + " >= " + target);
      value = counter(component, key);
      if (value >= target) {
        return value;
      }
      KafkaBroker.sleepQuietly(200);
    }
    throw new IllegalStateException(
        component
            + "."
            + key
            + " reached only "
            + value
            + " of "
            + target
            + " within "
            + timeout.toSeconds()
            + " s; agent log tail:\n"
            + process.logTail(40));
  }

  /** Graceful stop (SIGTERM runs Flume's shutdown hook: sinks close and rename their files). */
  public int stop() {
    return process.stop(Duration.ofSeconds(120));
  }

  /** kill -9. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }

  /** Where a Flume install (stock lib/ plus our plugins.d/) lives. */
  public static final class FlumeHome {
    private final Path root;

    public FlumeHome(Path root) {
      this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
      return root;
    }

    public Path pluginsDir() {
      return root.resolve("plugins.d");
    }

    /** {@code lib/*} then each plugin's {@code lib/*} and {@code libext/*}, like bin/flume-ng. */
    List<String> classpath() {
      if (!Files.isDirectory(root.resolve("lib"))) {
        throw new IllegalStateException(
            "no Flume install at "
                + root
                + ": build integration-tests/flume-home first (mvn -DskipTests package)");
      }
      List<String> entries = new ArrayList<>();
      entries.add(root.resolve("lib") + "/*");
      for (Path plugin : plugins()) {
        for (String sub : List.of("lib", "libext")) {
          if (Files.isDirectory(plugin.resolve(sub))) {
            entries.add(plugin.resolve(sub) + "/*");
          }
        }
      }
      return entries;
    }

    /**
     * This install with its Hadoop client jars ({@code lib/hadoop-client-*}) replaced by {@code
     * clientJars}, laid out under {@code dir} as symbolic links: what a host whose {@code hadoop
     * classpath} gives another Hadoop version runs.
     */
    public FlumeHome withHadoopClient(Path clientDir, Path dir) {
      try {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        try (Stream<Path> jars = Files.list(root.resolve("lib"))) {
          for (Path jar : jars.toList()) {
            if (!jar.getFileName().toString().startsWith("hadoop-client-")) {
              Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
          }
        }
        try (Stream<Path> jars = Files.list(clientDir)) {
          for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
            Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar.toAbsolutePath());
          }
        }
        Files.createSymbolicLink(dir.resolve("plugins.d"), pluginsDir());
        return new FlumeHome(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("could not lay out " + dir, e);
      }
    }

    /** The plugin directories under plugins.d, sorted by name. */
    public List<Path> plugins() {
      if (!Files.isDirectory(pluginsDir())) {
        return List.of();
      }
      try (Stream<Path> dirs = Files.list(pluginsDir())) {
        return dirs.filter(Files::isDirectory).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What to start: config file, agent name, environment for ${env:...} lookups, heap. */
  public static final class Builder {
    final FlumeHome home;
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> expectedComponents = new ArrayList<>();
    final List<String> jvmArgs = new ArrayList<>();
    final Map<String, String> hadoopSite = new LinkedHashMap<>();
    final Map<String, String> coreSite = new LinkedHashMap<>();
    final Map<String, String> overrides = new LinkedHashMap<>();
    final List<String> extraClasspath = new ArrayList<>();
    String agentName = "a1";
    Path configFile;
    Path workDir;
    String heap = "1g";
    String monitoringType = "http";
    Path javaHome = defaultJavaHome();
    String cpus;
    final Map<String, String> monitoringProperties = new LinkedHashMap<>();

    private Builder(FlumeHome home) {
      this.home = home;
    }

    public Builder agentName(String name) {
      this.agentName = name;
      return this;
    }

    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    public Builder env(Map<String, String> values) {
      env.putAll(values);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /**
     * The JDK that runs the agent. Default: {@code -Daccesslog.agent.javaHome=...} or {@code
     * ACCESSLOG_AGENT_JAVA_HOME} (so a whole suite can run its agents on another JDK), else the
     * test's own JVM.
     */
    public Builder javaHome(Path home) {
      if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
        throw new IllegalArgumentException("no JDK at " + home + " (bin/java missing)");
      }
      this.javaHome = home;
      return this;
    }

    /**
     * Properties appended to a copy of the config file (later lines win in a .properties file),
     * e.g. shorter timers for a test, leaving the shipped example untouched.
     */
    public Builder override(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /**
     * Runs the agent with another Flume monitor ({@code -Dflume.monitoring.type=<type>} and each
     * property as {@code -Dflume.monitoring.<key>=<value>}) instead of the HTTP one; the harness
     * then reads the agent's counters over remote JMX on loopback.
     */
    public Builder monitoring(String type, Map<String, String> properties) {
      this.monitoringType = type;
      monitoringProperties.putAll(properties);
      return this;
    }

    /**
     * Hadoop client settings for the agent, written to {@code conf/hdfs-site.xml} on its classpath.
     */
    public Builder hadoopSite(Map<String, String> values) {
      hadoopSite.putAll(values);
      return this;
    }

    /** Hadoop settings for the agent's {@code conf/core-site.xml} (e.g. Kerberos on). */
    public Builder coreSite(Map<String, String> values) {
      coreSite.putAll(values);
      return this;
    }

    /**
     * Counts the agent's HDFS output-stream operations with the hdfs-probe client ({@link
     * HdfsProbe}), written to {@code countsFile}.
     */
    public Builder hdfsProbe(Path countsFile) {
      extraClasspath.add(HarnessPaths.hdfsProbeJar().toString());
      hadoopSite.put("fs.hdfs.impl", HdfsProbe.FILE_SYSTEM_CLASS);
      hadoopSite.put("fs.hdfs.impl.disable.cache", "false");
      jvmArgs.add("-Daccesslog.hdfsProbe.out=" + countsFile.toAbsolutePath());
      return this;
    }

    /**
     * Components (as named in /metrics, e.g. {@code SINK.hdfs}) that must be up before start()
     * returns.
     */
    public Builder expect(String... components) {
      expectedComponents.addAll(List.of(components));
      return this;
    }

    /** Pins the agent JVM to these CPUs ({@code taskset -c}); null: not pinned. */
    public Builder cpus(String cpuList) {
      this.cpus = cpuList;
      return this;
    }

    public FlumeAgent start() {
      return AgentLauncher.start(this);
    }
  }

  /** The agent JDK chosen for the whole run, see {@link Builder#javaHome}. */
  public static Path defaultJavaHome() {
    String chosen = System.getProperty("accesslog.agent.javaHome");
    if (chosen == null || chosen.isBlank()) {
      chosen = System.getenv("ACCESSLOG_AGENT_JAVA_HOME");
    }
    return Path.of(chosen == null || chosen.isBlank() ? System.getProperty("java.home") : chosen);
  }
}
