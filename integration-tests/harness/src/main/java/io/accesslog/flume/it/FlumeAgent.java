package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real Flume agent (1.11.0, or 1.10.1 from {@link HarnessPaths#flumeHome110}) in its own JVM on a
 * chosen JDK ({@link Builder#javaHome}), started the way {@code bin/flume-ng agent} does: classpath
 * {@code conf}, {@code lib/*}, then each {@code plugins.d/<plugin>/lib/*} and {@code libext/*},
 * main class {@code org.apache.flume.node.Application}. Flume's HTTP monitoring (on a free loopback
 * port) is both the readiness check (every expected component listed) and the counter source.
 */
public final class FlumeAgent implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final JavaProcess process;
  private final int monitoringPort;
  private final boolean viaJmx;
  private final Path workDir;

  private FlumeAgent(JavaProcess process, int monitoringPort, boolean viaJmx, Path workDir) {
    this.process = process;
    this.monitoringPort = monitoringPort;
    this.viaJmx = viaJmx;
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
      return readMetrics();
    } catch (IOException e) {
      process.requireAlive("serving /metrics");
      throw new UncheckedIOException("agent metrics unreadable on port " + monitoringPort, e);
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

  private Map<String, Map<String, String>> readMetrics() throws IOException {
    return viaJmx
        ? JmxMetrics.read(monitoringPort)
        : parse(Http.getJson("http://127.0.0.1:" + monitoringPort + "/metrics"));
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

  static Map<String, Map<String, String>> parse(JsonNode root) {
    Map<String, Map<String, String>> result = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> components = root.fields();
    while (components.hasNext()) {
      Map.Entry<String, JsonNode> component = components.next();
      Map<String, String> values = new TreeMap<>();
      component
          .getValue()
          .fields()
          .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
      result.put(component.getKey(), values);
    }
    return result;
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
    private final FlumeHome home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> expectedComponents = new ArrayList<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> hadoopSite = new LinkedHashMap<>();
    private final Map<String, String> coreSite = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> extraClasspath = new ArrayList<>();
    private String agentName = "a1";
    private Path configFile;
    private Path workDir;
    private String heap = "1g";
    private String monitoringType = "http";
    private Path javaHome = defaultJavaHome();
    private String cpus;
    private final Map<String, String> monitoringProperties = new LinkedHashMap<>();

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
      if (configFile == null || !Files.isRegularFile(configFile)) {
        throw new IllegalArgumentException("agent config file not found: " + configFile);
      }
      if (expectedComponents.isEmpty()) {
        throw new IllegalArgumentException(
            "name the components the agent must run (expect(...)): Flume drops a "
                + "component whose configure() fails and runs on without it");
      }
      Path conf = workDir.resolve("conf");
      writeLog4j(conf);
      writeHadoopSite(conf, hadoopSite);
      if (!coreSite.isEmpty()) {
        HadoopSite.write(conf, "core-site.xml", coreSite);
      }
      Path agentConfig = withOverrides(conf);
      int port = Ports.freeLoopbackPort();
      JavaProcess.Builder jvm =
          JavaProcess.builder("Flume agent " + agentName + " (" + configFile.getFileName() + ")")
              .javaHome(javaHome)
              .cpus(cpus)
              .classpath(conf.toString());
      home.classpath().forEach(jvm::classpath);
      extraClasspath.forEach(jvm::classpath);
      jvm.jvmArg("-Xmx" + heap);
      boolean viaJmx = !monitoringType.equals("http");
      if (viaJmx) {
        jvm.jvmArg("-Dflume.monitoring.type=" + monitoringType);
        monitoringProperties.forEach((k, v) -> jvm.jvmArg("-Dflume.monitoring." + k + "=" + v));
        for (String flag : JmxMetrics.agentFlags(port)) {
          jvm.jvmArg(flag);
        }
      } else {
        jvm.jvmArg("-Dflume.monitoring.type=http").jvmArg("-Dflume.monitoring.port=" + port);
      }
      jvm.jvmArg("-Dflume.log.dir=" + workDir.resolve("logs"))
          .jvmArg("-Xlog:gc:file=" + workDir.resolve("gc.log"))
          .jvmArg("-Djava.net.preferIPv4Stack=true");
      jvmArgs.forEach(jvm::jvmArg);
      // Like JAVA_OPTS in flume-env.sh: extra agent JVM flags for a run, e.g. a JFR recording.
      String extra = System.getenv("ACCESSLOG_AGENT_JAVA_OPTS");
      if (extra != null && !extra.isBlank()) {
        for (String arg : extra.trim().split("\\s+")) {
          jvm.jvmArg(arg);
        }
      }
      Map<String, String> environment = new LinkedHashMap<>(env);
      environment.putIfAbsent("FLUME_DATA_DIR", workDir.resolve("data").toString());
      JavaProcess process =
          jvm.mainClass("org.apache.flume.node.Application")
              .args(
                  "-n",
                  agentName,
                  "-f",
                  agentConfig.toAbsolutePath().toString(),
                  "--no-reload-conf")
              .env(environment)
              .workDir(workDir)
              .logFile(workDir.resolve("agent.out"))
              .start();
      FlumeAgent agent = new FlumeAgent(process, port, viaJmx, workDir);
      agent.awaitComponents(expectedComponents);
      return agent;
    }

    private Path withOverrides(Path conf) {
      if (overrides.isEmpty()) {
        return configFile;
      }
      try {
        StringBuilder text =
            new StringBuilder(Files.readString(configFile, StandardCharsets.UTF_8));
        text.append("\n# test overrides\n");
        overrides.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path copy = conf.resolve(configFile.getFileName());
        Files.writeString(copy, text, StandardCharsets.UTF_8);
        return copy;
      } catch (IOException e) {
        throw new UncheckedIOException("could not copy " + configFile, e);
      }
    }

    private static void writeHadoopSite(Path conf, Map<String, String> properties) {
      HadoopSite.write(conf, "hdfs-site.xml", properties);
    }

    private static void writeLog4j(Path conf) {
      String xml =
          String.join(
              "\n",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
              "<Configuration status=\"ERROR\">",
              "  <Appenders>",
              "    <File name=\"LogFile\" fileName=\"${sys:flume.log.dir}/flume.log\">",
              "      <PatternLayout pattern=\"%d{ISO8601} %-5p [%t] (%C.%M:%L) - %m%n\"/>",
              "    </File>",
              "    <Console name=\"Console\" target=\"SYSTEM_OUT\">",
              "      <PatternLayout pattern=\"%d{ISO8601} %-5p [%t] %c{1} - %m%n\"/>",
              "      <ThresholdFilter level=\"WARN\"/>",
              "    </Console>",
              "  </Appenders>",
              "  <Loggers>",
              "    <Logger name=\"org.apache.hadoop\" level=\"WARN\"/>",
              "    <Logger name=\"org.apache.kafka\" level=\"WARN\"/>",
              "    <Root level=\"INFO\">",
              "      <AppenderRef ref=\"LogFile\"/>",
              "      <AppenderRef ref=\"Console\"/>",
              "    </Root>",
              "  </Loggers>",
              "</Configuration>",
              "");
      try {
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("log4j2.xml"), xml, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + conf.resolve("log4j2.xml"), e);
      }
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

  private void awaitComponents(List<String> expected) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Map<String, Map<String, String>> seen = Map.of();
    while (System.nanoTime() < deadline) {
      process.requireAlive("starting up");
      try {
        seen = readMetrics();
        if (seen.keySet().containsAll(expected)) {
          return;
        }
      } catch (IOException notYet) {
        // monitoring server not up yet
      }
      KafkaBroker.sleepQuietly(250);
    }
    String tail = process.logTail(60);
    process.kill();
    throw new IllegalStateException(
        process.name()
            + " did not bring up "
            + expected
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; it reports "
            + seen.keySet()
            + " (a component whose configure() failed is dropped: see its ERROR line). Log tail:\n"
            + tail);
  }
}
