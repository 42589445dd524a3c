package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.assertSameRecords;
import static io.accesslog.flume.sink.spool.SpoolFixtures.replay;
import static io.accesslog.flume.sink.spool.SpoolFixtures.segments;
import static io.accesslog.flume.sink.spool.SpoolFixtures.settings;
import static io.accesslog.flume.sink.spool.SpoolFixtures.utf8;
import static io.accesslog.flume.sink.spool.SpoolFixtures.writeBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.config.SinkKeys;
import io.accesslog.flume.sink.spool.SpoolFixtures.Rec;
import io.accesslog.flume.sink.spool.SpoolFixtures.Replayed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IO failures during commit: the error propagates and the log stays clean. */
class SpoolFailureTest {
  @TempDir Path dir;
  private final FaultyOpener opener = new FaultyOpener();

  @AfterEach
  void noFileLeftOpen() {
    assertEquals(0, opener.openFiles(), "segment files left open");
  }

  /** Writes a batch that is expected to fail; returns the exception. */
  private static IOException failingBatch(Spool spool) {
    SpoolBatch batch = spool.newBatch();
    batch.add(utf8("k"), utf8("doomed line"));
    return assertThrows(IOException.class, batch::commit);
  }

  @Test
  void commit_forceFails_throwsWithStateAndNextCommitStartsANewSegment() throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20), opener)) {
      written.addAll(writeBatches(spool, 3, 50, 0));
      opener.failForce(1);

      IOException e = failingBatch(spool);

      assertTrue(e.getMessage().contains("offset"), e.getMessage());
      assertTrue(e.getMessage().contains(SinkKeys.SPOOL_DIR.name()), e.getMessage());
      assertTrue(e.getCause().getMessage().contains("injected force failure"));
      written.addAll(writeBatches(spool, 2, 50, 1000));
      assertEquals(2, spool.segmentCount());
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean(), replayed.result().toString());
    assertEquals(151, written.get(150).seq(), "the failed batch's sequence is not reused");
  }

  @Test
  void commit_writeFailsHalfway_nextCommitDoesNotAppendAfterThePartialBlock() throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20), opener)) {
      written.addAll(writeBatches(spool, 3, 50, 0));
      opener.failWrite(1, true);
      failingBatch(spool);
      written.addAll(writeBatches(spool, 2, 50, 1000));
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean(), replayed.result().toString());
  }

  @Test
  void commit_writeFailsAndTruncateFails_partialBlockIsReportedAndNothingIsLost()
      throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20), opener)) {
      written.addAll(writeBatches(spool, 3, 50, 0));
      opener.failWrite(1, true).failTruncates(true);
      failingBatch(spool);
      written.addAll(writeBatches(spool, 2, 50, 1000));
      opener.failTruncates(false);
      assertEquals(2, spool.segmentCount());
      assertEquals(
          Files.size(segments(dir).get(0)) + Files.size(segments(dir).get(1)), spool.sizeBytes());
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertEquals(1, replayed.result().tornTails());
    assertEquals(segments(dir).get(0), replayed.result().issues().get(0).segment());
  }

  @Test
  void commit_createSegmentFails_throwsAndTheNextCommitSucceeds() throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20), opener)) {
      opener.failCreate(1);
      IOException e = failingBatch(spool);
      assertTrue(e.getMessage().contains("cannot create spool segment"), e.getMessage());
      written.addAll(writeBatches(spool, 2, 50, 0));
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertEquals(1, written.get(0).seq());
  }

  @Test
  void commit_repeatedFailures_eachThrowsAndTheLogStaysReplayable() throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20), opener)) {
      for (int round = 0; round < 5; round++) {
        written.addAll(writeBatches(spool, 1, 20, round * 100L));
        opener.failForce(1);
        failingBatch(spool);
      }
      written.addAll(writeBatches(spool, 1, 20, 999));
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean(), replayed.result().toString());
  }

  @Test
  void open_afterAFailedCommitAndACrash_continuesAfterTheLastDurableBlock() throws IOException {
    List<Rec> written;
    Spool spool = Spool.open(settings(dir, 1 << 20), opener);
    written = writeBatches(spool, 3, 50, 0);
    opener.failWrite(1, true);
    failingBatch(spool);
    spool.close(); // the "crash": no further commit repaired the segment

    try (Spool reopened = Spool.open(settings(dir, 1 << 20), opener)) {
      assertTrue(reopened.tailTruncatedAtOpen().isPresent());
      assertEquals(150, reopened.nextSequence());
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean());
  }
}
