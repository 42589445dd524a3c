package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read-back helper against a real HDFS, on the shapes our sink writes: many gzip members per
 * file.
 */
class HdfsReadbackIT {
  private static MiniHdfs hdfs;

  @BeforeAll
  static void start() {
    hdfs = MiniHdfs.start(HarnessPaths.workDir().resolve("readback-" + System.currentTimeMillis()));
  }

  @AfterAll
  static void stop() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  private static byte[] member(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void read_fileOfManyGzipMembers_everyLineOfEveryMember() throws IOException {
    FileSystem fs = hdfs.fileSystem();
    List<String> expected = new ArrayList<>();
    try (FSDataOutputStream out = fs.create(new Path("/t1/a/b/web-0001.gz"))) {
      for (int m = 0; m < 300; m++) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          lines.add("member " + m + " line " + i);
        }
        expected.addAll(lines);
        out.write(member(lines));
      }
    }
    try (FSDataOutputStream out = fs.create(new Path("/t1/a/_web-0002.gz"))) {
      out.write(member(List.of("in progress")));
    }
    List<String> read = new ArrayList<>();
    HdfsReadback.Report report =
        HdfsReadback.read(
            fs,
            "/t1",
            (file, line) -> {
              if (file.endsWith("web-0001.gz")) {
                read.add(line);
              }
            });
    assertEquals(expected, read);
    assertEquals(15_001, report.lines());
    assertEquals(15_000L, report.linesPerDirectory().get("/t1/a/b"));
    assertEquals(
        List.of("/t1/a/_web-0002.gz"),
        report.inProgressFiles().stream().map(HdfsReadback.FileReport::path).toList());
  }

  @Test
  void read_truncatedLastMember_failsNamingTheFile() throws IOException {
    FileSystem fs = hdfs.fileSystem();
    byte[] whole = member(List.of("complete"));
    byte[] partial =
        member(List.of("torn member with enough text to be cut in the middle of its deflate data"));
    try (FSDataOutputStream out = fs.create(new Path("/t2/torn.gz"))) {
      out.write(whole);
      out.write(partial, 0, partial.length - 12);
    }
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> HdfsReadback.read(fs, "/t2"));
    assertEquals(
        true, e.getCause().getMessage().contains("/t2/torn.gz"), e.getCause().getMessage());
  }
}
