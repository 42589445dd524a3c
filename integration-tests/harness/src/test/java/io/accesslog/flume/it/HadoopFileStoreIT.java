package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink's HDFS writer against a real HDFS: every write (create or append) reaches the DataNode's
 * disk before it returns (the DataNode counts an fsync per write), without an hsync's {@code fsync}
 * NameNode RPC.
 */
class HadoopFileStoreIT {
  private static MiniHdfs hdfs;

  @BeforeAll
  static void start() {
    hdfs =
        MiniHdfs.start(HarnessPaths.workDir().resolve("filestore-" + System.currentTimeMillis()));
  }

  @AfterAll
  static void stop() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void write_createThenAppends_eachSyncedOnTheDataNodeWithoutAnFsyncRpc() throws Exception {
    FileSystem fs = hdfs.fileSystem();
    HadoopFileStore store = new HadoopFileStore(fs, 60_000);
    String path = "/store/a/2026112213/_web01.w-x.0001.gz";
    long fsyncsBefore = dataNodeFsyncs();
    Map<String, Long> rpcsBefore = hdfs.nameNodeMetrics().writeRpcCounts();

    store.write(path, List.of(bytes("first member\n"), bytes("second member\n")), true);
    store.write(path, List.of(bytes("appended once\n")), false);
    store.write(path, List.of(bytes("appended twice\n")), false);

    assertEquals("first member\nsecond member\nappended once\nappended twice\n", read(fs, path));
    long fsyncs = awaitFsyncs(fsyncsBefore, 3);
    assertTrue(fsyncs >= 3, "the DataNode fsynced " + fsyncs + " times for 3 writes");
    Map<String, Long> rpcs = awaitRpcs(rpcsBefore, "Append", 2);
    assertTrue(
        delta(rpcsBefore, rpcs, "Create") >= 1, "create RPCs: " + rpcsBefore + " -> " + rpcs);
    assertEquals(0, delta(rpcsBefore, rpcs, "Fsync"), "fsync RPCs: " + rpcsBefore + " -> " + rpcs);
  }

  /**
   * The NameNode's write RPC counts once {@code method} has grown by {@code expected} (its MBean is
   * cached too).
   */
  private static Map<String, Long> awaitRpcs(Map<String, Long> before, String method, long expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Map<String, Long> now = hdfs.nameNodeMetrics().writeRpcCounts();
    while (delta(before, now, method) < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      now = hdfs.nameNodeMetrics().writeRpcCounts();
    }
    return now;
  }

  private static long delta(Map<String, Long> before, Map<String, Long> after, String method) {
    return after.getOrDefault(method, 0L) - before.getOrDefault(method, 0L);
  }

  @Test
  void write_createOfAnExistingFile_failsAndKeepsIt() throws Exception {
    FileSystem fs = hdfs.fileSystem();
    HadoopFileStore store = new HadoopFileStore(fs, 60_000);
    String path = "/store/b/_web02.w-x.0001.gz";
    store.write(path, List.of(bytes("kept\n")), true);

    assertThrows(
        FileAlreadyExistsException.class, () -> store.write(path, List.of(bytes("other\n")), true));
    assertEquals("kept\n", read(fs, path));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(FileSystem fs, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = fs.open(new Path(path))) {
      in.transferTo(out);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * fsyncs since {@code before}, once at least {@code expected} or after 30 s: the DataNode's MBean
   * serves a cached snapshot of its counters, refreshed every 10 s (the metrics period).
   */
  private static long awaitFsyncs(long before, long expected) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    long seen = dataNodeFsyncs() - before;
    while (seen < expected && System.nanoTime() < deadline) {
      Thread.sleep(500);
      seen = dataNodeFsyncs() - before;
    }
    return seen;
  }

  /** fsyncs of the DataNodes in this JVM, from their activity MBeans. */
  private static long dataNodeFsyncs() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    long total = 0;
    int beans = 0;
    for (ObjectName name :
        server.queryNames(
            new ObjectName("Hadoop:service=DataNode,name=DataNodeActivity-*"), null)) {
      total += ((Number) server.getAttribute(name, "FsyncCount")).longValue();
      beans++;
    }
    assertTrue(beans > 0, "no DataNodeActivity MBean in this JVM");
    return total;
  }
}
