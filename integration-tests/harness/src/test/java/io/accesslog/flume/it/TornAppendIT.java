package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.accesslog.flume.sink.buffer.ChunkPadding;
import io.accesslog.flume.sink.hdfs.HadoopFileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a DataNode crash in the middle of an append leaves of the bytes written before it. The
 * DataNode writes a packet's data, then its checksums; killed in between, its replica comes back
 * with a last checksum chunk whose CRC does not match, and the DataNode cuts the replica back to
 * the start of that chunk. When the file ended inside a chunk before the append, that cut takes
 * bytes a closed, synced earlier write had made durable (RecoveryIT's HDFS outage hit it: a file
 * 257 bytes shorter than its last completed write).
 */
class TornAppendIT {
  private static MiniHdfs hdfs;

  @BeforeAll
  static void start() {
    hdfs = MiniHdfs.start(HarnessPaths.workDir().resolve("torn-" + System.currentTimeMillis()));
  }

  @AfterAll
  static void stop() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void tornAppend_afterAWriteEndingInsideAChecksumChunk_cutsCommittedBytes() throws Exception {
    String path = "/torn/unaligned.gz";
    new HadoopFileStore(hdfs.fileSystem(), 60_000).write(path, List.of(filled(1000)), true);

    long recovered = tearAnAppend(path);

    assertEquals(512, recovered, "cut back to the start of the chunk holding byte 1000");
  }

  @Test
  void tornAppend_afterAWritePaddedToTheChunk_keepsEveryCommittedByte() throws Exception {
    String path = "/torn/padded.gz";
    HadoopFileStore store = new HadoopFileStore(hdfs.fileSystem(), 60_000);
    assertEquals(512, store.chunkBytes(), "dfs.bytes-per-checksum");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append("GET /line/").append(i).append(" 200\n");
    }
    byte[] member = gzip(text.toString());
    int padding = ChunkPadding.paddingFor(member.length, store.chunkBytes());
    store.write(path, List.of(member, ChunkPadding.member(padding)), true);
    long committed = member.length + padding;
    assertEquals(0, committed % 512);

    long recovered = tearAnAppend(path);

    assertEquals(committed, recovered, "the torn append cut only its own chunk");
    FileSystem fs = hdfs.fileSystem();
    CompressionCodec codec = new CompressionCodecFactory(fs.getConf()).getCodec(new Path(path));
    try (InputStream in = codec.createInputStream(fs.open(new Path(path)))) {
      assertEquals(text.toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** Opens an append, sends a little, then the DataNode dies with a torn packet on disk. */
  private static long tearAnAppend(String path) throws Exception {
    FileSystem writer =
        FileSystem.newInstance(hdfs.fileSystem().getUri(), hdfs.clientConfiguration());
    FSDataOutputStream out = writer.append(new Path(path));
    // 20 bytes with their checksum: inside the chunk the earlier write ended in, if it ended
    // inside one; else the start of a new chunk
    out.write(filled(20));
    out.hflush();
    long blockId =
        ((DistributedFileSystem) writer)
            .getClient()
            .getLocatedBlocks(path, 0)
            .getLastLocatedBlock()
            .getBlock()
            .getBlockId();
    ((DistributedFileSystem) writer).getClient().closeAllFilesBeingWritten(true);
    hdfs.stop();
    List<java.nio.file.Path> replicas = hdfs.blockFiles(blockId);
    assertFalse(replicas.isEmpty(), "no replica file of block " + blockId);
    for (java.nio.file.Path replica : replicas) {
      // data of a packet whose checksums never reached the .meta file
      Files.write(replica, filled(300), StandardOpenOption.APPEND);
    }
    hdfs.restart();
    try {
      writer.close();
    } catch (IOException ignored) {
      // its stream was aborted
    }
    return new HadoopFileStore(hdfs.fileSystem(), 120_000).recoverLength(path);
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }
}
