package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;

/**
 * A real HDFS ({@link MiniDFSCluster}: one NameNode, by default one DataNode) inside this JVM, on
 * 127.0.0.1. Agents in other JVMs reach it through {@link #uri()}. Restartable on the same ports
 * and storage.
 */
public final class MiniHdfs implements AutoCloseable {
  private final Path baseDir;
  private int nameNodePort;
  private int nameNodeHttpPort;
  private final int dataNodes;
  private MiniDFSCluster cluster;

  private MiniHdfs(Path baseDir, int nameNodePort, int nameNodeHttpPort, int dataNodes) {
    this.baseDir = baseDir;
    this.nameNodePort = nameNodePort;
    this.nameNodeHttpPort = nameNodeHttpPort;
    this.dataNodes = dataNodes;
  }

  public static MiniHdfs start(Path baseDir) {
    return start(baseDir, 1);
  }

  /**
   * A NameNode with {@code dataNodes} DataNodes in this JVM; with 0, DataNodes join from their own
   * JVMs ({@link DataNodeProcess}, then {@link #awaitLiveDataNodes}).
   */
  public static MiniHdfs start(Path baseDir, int dataNodes) {
    MiniHdfs hdfs =
        new MiniHdfs(baseDir, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), dataNodes);
    for (int attempt = 1; ; attempt++) {
      try {
        hdfs.startCluster(true);
        return hdfs;
      } catch (IllegalStateException e) {
        // A port free when picked can still be taken before the NameNode binds it; on the first
        // start
        // nothing depends on the ports yet, so pick new ones (a restart must keep its ports and
        // does not retry).
        if (attempt == 3 || !causedByBind(e)) {
          throw e;
        }
        hdfs.close();
        hdfs.nameNodePort = Ports.freeLoopbackPort();
        hdfs.nameNodeHttpPort = Ports.freeLoopbackPort();
      }
    }
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t
          instanceof
          java.net.BindException) { // Hadoop's bind failure and Ports.requireFree's both carry one
        return true;
      }
    }
    return false;
  }

  /** Waits until the NameNode counts {@code count} live DataNodes. */
  public void awaitLiveDataNodes(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int live = 0;
    while (System.nanoTime() < deadline) {
      try {
        live =
            ((DistributedFileSystem) fileSystem())
                .getDataNodeStats(HdfsConstants.DatanodeReportType.LIVE)
                .length;
      } catch (IOException e) {
        live = -1;
      }
      if (live >= count) {
        return;
      }
      KafkaBroker.sleepQuietly(200);
    }
    throw new IllegalStateException(
        live + " live DataNodes, not " + count + ", within " + timeout.toSeconds() + " s");
  }

  /**
   * DataNode settings shared by in-process and separate DataNodes. One DataNode stands in for a
   * cluster: a writer holding thousands of streams open (stock's HDFS sink, one per bucket) would
   * hit the default 4,096 transfer threads, which a real cluster spreads over many DataNodes; and
   * agents write small amounts, so no disk space is held back.
   */
  static Map<String, String> dataNodeSettings() {
    return Map.of("dfs.datanode.du.reserved", "0", "dfs.datanode.max.transfer.threads", "16384");
  }

  /** {@code hdfs://127.0.0.1:<port>} */
  public String uri() {
    return "hdfs://127.0.0.1:" + nameNodePort;
  }

  public int nameNodePort() {
    return nameNodePort;
  }

  /** The NameNode's web address, which serves {@code /jmx}. */
  public String nameNodeHttpAddress() {
    return "127.0.0.1:" + nameNodeHttpPort;
  }

  public NameNodeMetrics nameNodeMetrics() {
    return new NameNodeMetrics(nameNodeHttpAddress(), nameNodePort);
  }

  /** A client of this cluster (cached by Hadoop; do not close it while the cluster runs). */
  public FileSystem fileSystem() {
    try {
      return FileSystem.get(URI.create(uri()), clientConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a client of " + uri(), e);
    }
  }

  public Configuration clientConfiguration() {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", uri());
    clientSite().forEach(conf::set);
    return conf;
  }

  /** Environment a Flume config needs to reach this cluster (see flume-conf/*.properties). */
  public Map<String, String> env() {
    return Map.of("HDFS_URI", uri());
  }

  /**
   * Hadoop client settings an agent needs against this one-DataNode cluster: replication 1 (with
   * the default 3, the stock sink sees every block as under-replicated and rotates its file on each
   * batch).
   */
  public Map<String, String> clientSite() {
    return Map.of("dfs.replication", "1");
  }

  /**
   * The DataNodes' files of block {@code blockId} ({@code blk_<id>}, without its {@code .meta}), in
   * whatever state directory (finalized, rbw) it is: for tests that damage a replica as a crash
   * would.
   */
  public List<Path> blockFiles(long blockId) throws IOException {
    String name = "blk_" + blockId;
    try (java.util.stream.Stream<Path> files = Files.walk(baseDir)) {
      return files
          .filter(f -> f.getFileName().toString().equals(name))
          .collect(java.util.stream.Collectors.toList());
    }
  }

  public boolean isRunning() {
    return cluster != null;
  }

  /** Stops NameNode and DataNode, keeping their storage (an HDFS outage). */
  public void stop() {
    if (cluster != null) {
      try {
        cluster.shutdown(false, false);
      } finally {
        cluster = null; // even if a NameNode thread trips an assertion on the way down, it is down
      }
    }
  }

  /**
   * Puts the NameNode in (or takes it out of) safe mode: reads work, every write is refused with a
   * SafeModeException. An outage that keeps the ports (a stopped cluster frees them, and a client
   * retrying a freed loopback port can end up bound to it).
   */
  public void safeMode(boolean on) {
    try {
      cluster
          .getNameNodeRpc()
          .setSafeMode(
              on
                  ? org.apache.hadoop.hdfs.protocol.HdfsConstants.SafeModeAction.SAFEMODE_ENTER
                  : org.apache.hadoop.hdfs.protocol.HdfsConstants.SafeModeAction.SAFEMODE_LEAVE,
              false);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not " + (on ? "enter" : "leave") + " safe mode on " + uri(), e);
    }
  }

  /** Starts the cluster again on the same ports and storage. */
  public void restart() {
    stop();
    startCluster(false);
  }

  @Override
  public void close() {
    if (cluster != null) {
      cluster.shutdown(true, true);
      cluster = null;
    }
  }

  private void startCluster(boolean format) {
    Ports.requireFree(nameNodePort, "HDFS NameNode (RPC)");
    Ports.requireFree(nameNodeHttpPort, "HDFS NameNode (HTTP)");
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-bind-host", "127.0.0.1");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", true);
    dataNodeSettings().forEach(conf::set);
    try {
      cluster =
          new MiniDFSCluster.Builder(conf)
              .numDataNodes(dataNodes)
              .nameNodePort(nameNodePort)
              .nameNodeHttpPort(nameNodeHttpPort)
              .format(format)
              .manageNameDfsDirs(true)
              .manageDataDfsDirs(true)
              .build();
      cluster.waitActive();
    } catch (IOException e) {
      throw new IllegalStateException(
          "HDFS (MiniDFSCluster) did not come up on 127.0.0.1:"
              + nameNodePort
              + " (storage "
              + baseDir
              + "): "
              + e,
          e);
    }
  }
}
