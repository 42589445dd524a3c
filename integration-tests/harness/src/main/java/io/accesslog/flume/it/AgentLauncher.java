package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts what a {@link FlumeAgent.Builder} describes, the way {@code bin/flume-ng agent} does: lays
 * out the agent's {@code conf/} (log4j2.xml, Hadoop site files, the config with the test's
 * overrides), assembles the JVM command line (classpath, monitoring, heap, GC log) and waits until
 * every expected component is up.
 */
final class AgentLauncher {
  private AgentLauncher() {}

  static FlumeAgent start(FlumeAgent.Builder b) {
    if (b.configFile == null || !Files.isRegularFile(b.configFile)) {
      throw new IllegalArgumentException("agent config file not found: " + b.configFile);
    }
    if (b.expectedComponents.isEmpty()) {
      throw new IllegalArgumentException(
          "name the components the agent must run (expect(...)): Flume drops a "
              + "component whose configure() fails and runs on without it");
    }
    Path conf = b.workDir.resolve("conf");
    writeLog4j(conf);
    writeHadoopSite(conf, b.hadoopSite);
    if (!b.coreSite.isEmpty()) {
      HadoopSite.write(conf, "core-site.xml", b.coreSite);
    }
    Path agentConfig = withOverrides(b, conf);
    int port = Ports.freeLoopbackPort();
    JavaProcess.Builder jvm =
        JavaProcess.builder("Flume agent " + b.agentName + " (" + b.configFile.getFileName() + ")")
            .javaHome(b.javaHome)
            .cpus(b.cpus)
            .classpath(conf.toString());
    b.home.classpath().forEach(jvm::classpath);
    b.extraClasspath.forEach(jvm::classpath);
    jvm.jvmArg("-Xmx" + b.heap);
    boolean viaJmx = !b.monitoringType.equals("http");
    if (viaJmx) {
      jvm.jvmArg("-Dflume.monitoring.type=" + b.monitoringType);
      b.monitoringProperties.forEach((k, v) -> jvm.jvmArg("-Dflume.monitoring." + k + "=" + v));
      for (String flag : JmxMetrics.agentFlags(port)) {
        jvm.jvmArg(flag);
      }
    } else {
      jvm.jvmArg("-Dflume.monitoring.type=http").jvmArg("-Dflume.monitoring.port=" + port);
    }
    jvm.jvmArg("-Dflume.log.dir=" + b.workDir.resolve("logs"))
        .jvmArg("-Xlog:gc:file=" + b.workDir.resolve("gc.log"))
        .jvmArg("-Djava.net.preferIPv4Stack=true");
    b.jvmArgs.forEach(jvm::jvmArg);
    // Like JAVA_OPTS in flume-env.sh: extra agent JVM flags for a run, e.g. a JFR recording.
    String extra = System.getenv("ACCESSLOG_AGENT_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      for (String arg : extra.trim().split("\\s+")) {
        jvm.jvmArg(arg);
      }
    }
    Map<String, String> environment = new LinkedHashMap<>(b.env);
    environment.putIfAbsent("FLUME_DATA_DIR", b.workDir.resolve("data").toString());
    JavaProcess process =
        jvm.mainClass("org.apache.flume.node.Application")
            .args(
                "-n",
                b.agentName,
                "-f",
                agentConfig.toAbsolutePath().toString(),
                "--no-reload-conf")
            .env(environment)
            .workDir(b.workDir)
            .logFile(b.workDir.resolve("agent.out"))
            .start();
    AgentMonitor monitor = new AgentMonitor(process, port, viaJmx);
    monitor.awaitComponents(b.expectedComponents);
    return new FlumeAgent(process, monitor, b.workDir);
  }

  private static Path withOverrides(FlumeAgent.Builder b, Path conf) {
    if (b.overrides.isEmpty()) {
      return b.configFile;
    }
    try {
      StringBuilder text =
          new StringBuilder(Files.readString(b.configFile, StandardCharsets.UTF_8));
      text.append("\n# test overrides\n");
      b.overrides.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
      Path copy = conf.resolve(b.configFile.getFileName());
      Files.writeString(copy, text, StandardCharsets.UTF_8);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + b.configFile, e);
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
