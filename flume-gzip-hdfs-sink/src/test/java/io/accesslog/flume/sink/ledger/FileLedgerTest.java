package io.accesslog.flume.sink.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.FileTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerTest {
  record T(String directory, String fileBase, long hourStartMillis) implements FileTarget {}

  private static final T A = new T("/logs/a/13", "web01.13", 13);
  private static final T B = new T("/logs/b/13", "web02.13", 13);

  @TempDir Path dir;

  private LedgerEntry entry(FileLedger ledger, T t) {
    return ledger.entries().get(LedgerEntry.keyOf(t.directory(), t.fileBase()));
  }

  @Test
  void open_afterWrites_foldsEachTargetsState() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.intent(A, 0, 0, 100, 10);
      ledger.written(A, 0, 100, 10);
      ledger.intent(A, 0, 100, 50, 20);
      ledger.intent(B, 3, 0, 10, 7);
      ledger.written(B, 3, 10, 7);
      ledger.finished(B, 3);
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      LedgerEntry a = entry(ledger, A);
      assertTrue(a.open());
      assertEquals(100, a.length());
      assertEquals(10, a.sequenceEnd());
      assertEquals(100, a.pending().lengthBefore());
      assertEquals(50, a.pending().bytes());
      assertEquals(20, a.pending().sequenceEnd());
      LedgerEntry b = entry(ledger, B);
      assertFalse(b.open());
      assertNull(b.pending());
      assertEquals(7, b.sequenceEnd());
      assertEquals(3, b.fileSequence());
    }
  }

  @Test
  void open_tornOrDamagedLines_skippedAndCounted() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.written(A, 0, 100, 10);
      ledger.written(B, 0, 30, 4);
    }
    Path file = dir.resolve(FileLedger.FILE_NAME);
    String text = Files.readString(file);
    // damage B's line, then a torn append at the end
    text = text.replace("\t30\t4\t", "\t31\t4\t") + "W\t/logs/a/13\tweb01.13\t13\t0\t2";
    Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertEquals(2, ledger.damagedLines());
      assertEquals(100, entry(ledger, A).length());
      assertNull(entry(ledger, B));
    }
    String rewritten = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(rewritten.endsWith("\n") && rewritten.split("\n").length == 1, rewritten);
  }

  @Test
  void rootChecked_newLedgerNo_markSurvivesReopenAndCompaction_tornTailKeepsIt()
      throws IOException {
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertFalse(ledger.rootChecked(), "a new ledger cannot know files written before it");
      ledger.written(A, 0, 100, 10);
      ledger.markRootChecked();
      assertTrue(ledger.rootChecked());
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertTrue(ledger.rootChecked());
      ledger.compact(e -> false);
    }
    Path file = dir.resolve(FileLedger.FILE_NAME);
    Files.writeString(
        file, "I\t/logs/a/13\tweb01.13\t13\t0\t10", StandardOpenOption.APPEND); // torn intent
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertEquals(1, ledger.damagedLines());
      assertTrue(ledger.rootChecked(), "a torn last line never reached HDFS: nothing to look for");
      assertNull(entry(ledger, A), "compacted away");
    }
  }

  @Test
  void rootChecked_damagedLine_clearedAndStaysClearedAfterReopen() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.markRootChecked();
      ledger.written(A, 0, 100, 10);
      ledger.written(B, 0, 30, 4);
    }
    Path file = dir.resolve(FileLedger.FILE_NAME);
    Files.writeString(
        file,
        Files.readString(file).replace("\t30\t4\t", "\t31\t4\t"),
        StandardOpenOption.TRUNCATE_EXISTING);
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertFalse(ledger.rootChecked(), "the damaged line may have announced a file");
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertEquals(0, ledger.damagedLines());
      assertFalse(
          ledger.rootChecked(), "a crash before the next check must not forget that one is due");
    }
  }

  @Test
  void compact_dropsWhatNoReplayNeeds_keepsTheRest() throws IOException {
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.written(A, 0, 100, 10);
      ledger.written(B, 0, 30, 4);
      ledger.finished(B, 0);
      ledger.compact(e -> e.open() || e.sequenceEnd() > 5);
      assertNull(entry(ledger, B));
      ledger.written(A, 0, 200, 12);
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      assertEquals(200, entry(ledger, A).length());
      assertEquals(12, entry(ledger, A).sequenceEnd());
      assertNull(entry(ledger, B));
    }
  }
}
