package io.accesslog.flume.sink.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;

/** Which checksum chunk the writes are padded to, per file system. */
class HadoopFileStoreChunkTest {

  /** A file system that calls itself {@code scheme} (viewfs, webhdfs) and keeps files locally. */
  private static FileSystem named(String scheme, Configuration conf) throws IOException {
    RawLocalFileSystem fs =
        new RawLocalFileSystem() {
          @Override
          public URI getUri() {
            return URI.create(scheme + "://cluster/");
          }
        };
    fs.initialize(URI.create("file:///"), conf);
    return fs;
  }

  @Test
  void localFileSystem_noPadding() throws IOException {
    assertEquals(
        1, HadoopFileStore.chunkBytes(FileSystem.get(URI.create("file:///"), new Configuration())));
  }

  @Test
  void hdfsBehindViewfsOrWebhdfs_paddedToTheClientsChecksumChunk() throws IOException {
    Configuration conf = new Configuration(false);
    assertEquals(512, HadoopFileStore.chunkBytes(named("viewfs", conf)), "the default");
    conf.setInt("dfs.bytes-per-checksum", 4096);
    assertEquals(4096, HadoopFileStore.chunkBytes(named("webhdfs", conf)));
  }

  @Test
  void aChunkTooLargeToPad_failsNamingTheKey() throws IOException {
    Configuration conf = new Configuration(false);
    conf.setInt("dfs.bytes-per-checksum", 1 << 20);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HadoopFileStore.chunkBytes(named("hdfs", conf)));
    assertTrue(e.getMessage().contains("dfs.bytes-per-checksum is 1048576"), e.getMessage());
  }
}
