package io.accesslog.flume.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HDFS DataNode in its own JVM, joining a {@link MiniHdfs} NameNode on 127.0.0.1. A process of
 * its own has its own file-descriptor limit: a writer holding thousands of streams open (stock's
 * HDFS sink keeps one per bucket) costs a DataNode about 4-5 descriptors per open replica, so one
 * in-process DataNode runs out at about 4,300 open files under a 20,000 limit, where a real cluster
 * spreads them over many DataNodes.
 */
public final class DataNodeProcess implements AutoCloseable {
  private final JavaProcess process;

  private DataNodeProcess(JavaProcess process) {
    this.process = process;
  }

  /**
   * Starts DataNode {@code index} with its storage and config under {@code dir}; returns once it
   * runs.
   */
  public static DataNodeProcess start(MiniHdfs nameNode, Path dir, int index) {
    Map<String, String> site = new LinkedHashMap<>();
    site.put("fs.defaultFS", nameNode.uri());
    site.put("dfs.datanode.data.dir", dir.resolve("data").toUri().toString());
    site.put("hadoop.tmp.dir", dir.resolve("tmp").toString());
    site.put("dfs.datanode.address", "127.0.0.1:0");
    site.put("dfs.datanode.http.address", "127.0.0.1:0");
    site.put("dfs.datanode.ipc.address", "127.0.0.1:0");
    site.put("dfs.datanode.hostname", "127.0.0.1");
    site.put("dfs.permissions.enabled", "true");
    MiniHdfs.dataNodeSettings().forEach(site::put);
    Path conf = dir.resolve("conf");
    HadoopSite.write(conf, "hdfs-site.xml", site);
    JavaProcess process =
        JavaProcess.builder("HDFS DataNode " + index)
            .classpath(conf.toString())
            .classpath(System.getProperty("java.class.path"))
            .jvmArg("-Xmx1g")
            .jvmArg("-Dlog4j.configuration=harness-log4j.properties")
            .mainClass("org.apache.hadoop.hdfs.server.datanode.DataNode")
            .workDir(dir)
            .logFile(dir.resolve("datanode.out"))
            .start();
    KafkaBroker.sleepQuietly(500);
    process.requireAlive("starting up");
    return new DataNodeProcess(process);
  }

  public JavaProcess process() {
    return process;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      // A test may have left it stopped; a stopped JVM cannot run its shutdown hook.
      process.signal("CONT");
      process.stop(Duration.ofSeconds(30));
    }
  }
}
