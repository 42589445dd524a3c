package io.accesslog.flume.sink.spool;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFilesTest {
  @TempDir Path dir;

  @Test
  void name_anySequence_sortsAndParsesBack() {
    assertEquals("spool-00000000000000123456.seg", SegmentFiles.name(123_456));
    assertEquals(123_456, SegmentFiles.parseFirstSeq(SegmentFiles.name(123_456)));
    assertEquals(Long.MAX_VALUE, SegmentFiles.parseFirstSeq(SegmentFiles.name(Long.MAX_VALUE)));
  }

  @Test
  void parseFirstSeq_foreignNames_minusOne() {
    assertEquals(-1, SegmentFiles.parseFirstSeq("spool.lock"));
    assertEquals(-1, SegmentFiles.parseFirstSeq("spool-0000000000000012345x.seg"));
    assertEquals(-1, SegmentFiles.parseFirstSeq("spool-99999999999999999999.seg"));
    assertEquals(-1, SegmentFiles.parseFirstSeq("spool-123.seg"));
  }

  @Test
  void list_mixedFiles_returnsSegmentsInSequenceOrder() throws IOException {
    Files.createFile(dir.resolve(SegmentFiles.name(900)));
    Files.createFile(dir.resolve(SegmentFiles.name(5)));
    Files.createFile(dir.resolve("spool.lock"));
    Files.createFile(dir.resolve("spool-5.seg.tmp"));
    assertEquals(2, SegmentFiles.list(dir).size());
    assertEquals(5, SegmentFiles.list(dir).get(0).firstSeq);
    assertEquals(900, SegmentFiles.list(dir).get(1).firstSeq);
  }

  @Test
  void syncDirectory_existingDirectory_doesNotThrow() {
    assertDoesNotThrow(() -> SegmentFiles.syncDirectory(dir));
  }

  @Test
  void syncDirectory_missingDirectory_throwsNamingIt() {
    Path missing = dir.resolve("missing");
    IOException e = assertThrows(IOException.class, () -> SegmentFiles.syncDirectory(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
