package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.assertSameRecords;
import static io.accesslog.flume.sink.spool.SpoolFixtures.replay;
import static io.accesslog.flume.sink.spool.SpoolFixtures.segments;
import static io.accesslog.flume.sink.spool.SpoolFixtures.settings;
import static io.accesslog.flume.sink.spool.SpoolFixtures.utf8;
import static io.accesslog.flume.sink.spool.SpoolFixtures.writeBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.GrowableBytes;
import io.accesslog.flume.sink.config.SinkKeys;
import io.accesslog.flume.sink.spool.SpoolFixtures.Rec;
import io.accesslog.flume.sink.spool.SpoolFixtures.Replayed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  @Test
  void commit_manyBatches_replayReturnsEveryRecordInOrderByteExact() throws IOException {
    List<Rec> written;
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      written = writeBatches(spool, 50, 200, 0);
    }
    Replayed replayed = replay(dir, 0);

    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean(), replayed.result().toString());
    assertEquals(50, replayed.result().blocksReplayed());
    assertEquals(10_000, replayed.result().nextSequence());
  }

  @Test
  void add_acrossBatches_returnsContiguousSequencesFromZero() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      List<Rec> written = writeBatches(spool, 3, 7, 0);
      for (int i = 0; i < written.size(); i++) {
        assertEquals(i, written.get(i).seq());
      }
      assertEquals(21, spool.nextSequence());
    }
  }

  @Test
  void add_emptyKeyAndLineAndSlice_roundTrip() throws IOException {
    byte[] big = utf8("xxHELLOxx");
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      SpoolBatch batch = spool.newBatch();
      batch.add(new byte[0], new byte[0]);
      batch.add(utf8("k"), big, 2, 5);
      batch.commit();
    }
    List<Rec> expected =
        List.of(new Rec(0, new byte[0], new byte[0]), new Rec(1, utf8("k"), utf8("HELLO")));
    assertSameRecords(expected, replay(dir, 0).records());
  }

  @Test
  void commit_emptyBatch_writesNothing() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      spool.newBatch().commit();
      assertEquals(0, spool.sizeBytes());
      assertEquals(0, spool.segmentCount());
    }
    assertEquals(0, replay(dir, 0).records().size());
  }

  @Test
  void commit_segmentWouldExceedSegmentBytes_rollsToSegmentNamedByFirstSequence()
      throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 40, 100, 0);
      assertTrue(spool.segmentCount() > 3, "segments: " + spool.segmentCount());
      assertEquals(segments(dir).size(), spool.segmentCount());
    }
    List<SegmentInfo> infos = SegmentFiles.list(dir);
    for (int i = 0; i < infos.size(); i++) {
      SegmentInfo s = infos.get(i);
      assertTrue(s.size <= 8 << 10, s.path + " has " + s.size + " bytes");
      assertEquals(
          i == 0 ? 0 : infos.get(i - 1).firstSeq + 100 * blocksIn(infos.get(i - 1)),
          s.firstSeq,
          "first sequence of " + s.path);
    }
    assertEquals(4000, replay(dir, 0).records().size());
  }

  private long blocksIn(SegmentInfo segment) throws IOException {
    long blocks = 0;
    try (SegmentScanner scanner =
        SegmentScanner.open(segment.path, segment.firstSeq, new GrowableBytes(1024))) {
      while (scanner.next() == SegmentScanner.Step.BLOCK) {
        blocks++;
      }
    }
    return blocks;
  }

  @Test
  void commit_blockLargerThanSegmentBytes_getsASegmentOfItsOwn() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 4 << 10))) {
      writeBatches(spool, 1, 10, 0);
      SpoolBatch big = spool.newBatch();
      java.util.Random random = new java.util.Random(1);
      byte[] noise = new byte[20_000];
      random.nextBytes(noise);
      big.add(utf8("k"), noise);
      big.commit();
      writeBatches(spool, 1, 10, 100);
      assertEquals(3, spool.segmentCount());
    }
    assertEquals(21, replay(dir, 0).records().size());
  }

  @Test
  void retireBefore_sequenceInsideASegment_deletesOnlyFullyCoveredSegments() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 40, 100, 0);
      List<SegmentInfo> before = SegmentFiles.list(dir);
      long boundary = before.get(2).firstSeq;

      int retired = spool.retireBefore(boundary + 1);

      assertEquals(2, retired);
      List<SegmentInfo> after = SegmentFiles.list(dir);
      assertEquals(before.get(2).firstSeq, after.get(0).firstSeq);
      assertEquals(before.size() - 2, spool.segmentCount());
      long onDisk = 0;
      for (SegmentInfo s : after) {
        onDisk += s.size;
      }
      assertEquals(onDisk, spool.sizeBytes());
      assertEquals(0, spool.retireBefore(boundary + 1), "nothing more to retire");
    }
  }

  @Test
  void retireBefore_beyondEverySequence_keepsTheActiveSegment() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 40, 100, 0);
      Path newest = segments(dir).get(spool.segmentCount() - 1);

      spool.retireBefore(Long.MAX_VALUE);

      assertEquals(List.of(newest), segments(dir));
      assertEquals(1, spool.segmentCount());
      writeBatches(spool, 1, 10, 0);
      assertEquals(4010, spool.nextSequence());
    }
    Replayed replayed = replay(dir, 0);
    assertTrue(replayed.result().isClean());
    assertEquals(4009, replayed.records().get(replayed.records().size() - 1).seq());
  }

  @Test
  void replay_fromSequence_skipsEarlierRecordsAndWholeSegments() throws IOException {
    List<Rec> written;
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      written = writeBatches(spool, 40, 100, 0);
    }
    Replayed replayed = replay(dir, 3_456);

    assertSameRecords(written.subList(3_456, 4_000), replayed.records());
    assertTrue(
        replayed.result().segmentsRead() < segments(dir).size(),
        "segments read: " + replayed.result().segmentsRead());
  }

  @Test
  void open_existingDirectory_continuesTheSequence() throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      written.addAll(writeBatches(spool, 5, 100, 0));
    }
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      assertEquals(500, spool.nextSequence());
      assertFalse(spool.tailTruncatedAtOpen().isPresent());
      written.addAll(writeBatches(spool, 5, 100, 500));
    }
    Replayed replayed = replay(dir, 0);
    assertSameRecords(written, replayed.records());
    assertTrue(replayed.result().isClean());
  }

  @Test
  void open_afterRetiringAllButNewest_continuesTheSequence() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 40, 100, 0);
      spool.retireBefore(Long.MAX_VALUE);
    }
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      assertEquals(4000, spool.nextSequence());
    }
  }

  @Test
  void isFull_sizeReachesMaxBytes_true() throws IOException {
    SpoolSettings small =
        SpoolSettings.builder(dir).segmentBytes(4 << 10).maxBytes(8 << 10).build();
    try (Spool spool = Spool.open(small)) {
      assertFalse(spool.isFull());
      while (spool.sizeBytes() < 8 << 10) {
        assertFalse(spool.isFull());
        writeBatches(spool, 1, 50, spool.nextSequence());
      }
      assertTrue(spool.isFull());
      spool.retireBefore(Long.MAX_VALUE);
      assertEquals(spool.sizeBytes() >= 8 << 10, spool.isFull());
    }
  }

  @Test
  void newBatch_previousBatchUncommitted_discardsItAndBurnsItsSequences() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      SpoolBatch abandoned = spool.newBatch();
      abandoned.add(utf8("k"), utf8("lost"));
      SpoolBatch batch = spool.newBatch();
      long seq = batch.add(utf8("k"), utf8("kept"));
      batch.commit();

      assertEquals(1, seq);
      assertThrows(IllegalStateException.class, () -> abandoned.add(utf8("k"), utf8("x")));
      assertThrows(IllegalStateException.class, abandoned::commit);
    }
    assertSameRecords(List.of(Rec.of(1, "k", "kept")), replay(dir, 0).records());
  }

  @Test
  void commit_calledTwice_secondThrows() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      SpoolBatch batch = spool.newBatch();
      batch.add(utf8("k"), utf8("a"));
      assertEquals(1, batch.size());
      batch.commit();
      assertEquals(0, batch.size());
      IllegalStateException e = assertThrows(IllegalStateException.class, batch::commit);
      assertTrue(e.getMessage().contains("already committed"), e.getMessage());
    }
  }

  @Test
  void open_directoryAlreadyOpen_failsNamingTheKey() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      IOException e = assertThrows(IOException.class, () -> Spool.open(settings(dir, 1 << 20)));
      assertTrue(e.getMessage().contains(SinkKeys.SPOOL_DIR.name()), e.getMessage());
      assertEquals(0, spool.segmentCount());
    }
  }

  @Test
  void close_calledTwice_isIdempotentAndReleasesTheLock() throws IOException {
    FaultyOpener opener = new FaultyOpener();
    Spool spool = Spool.open(settings(dir, 1 << 20), opener);
    writeBatches(spool, 1, 10, 0);
    spool.close();
    spool.close();

    assertEquals(0, opener.openFiles());
    assertThrows(IllegalStateException.class, spool::newBatch);
    try (Spool again = Spool.open(settings(dir, 1 << 20))) {
      assertEquals(10, again.nextSequence());
    }
  }

  @Test
  void close_withOpenBatch_discardsTheBatch() throws IOException {
    Spool spool = Spool.open(settings(dir, 1 << 20));
    SpoolBatch batch = spool.newBatch();
    batch.add(utf8("k"), utf8("never committed"));
    spool.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, batch::commit);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertEquals(0, replay(dir, 0).records().size());
  }

  @Test
  void replay_missingDirectory_isEmpty() throws IOException {
    Replayed replayed = replay(dir.resolve("absent"), 0);
    assertEquals(0, replayed.records().size());
    assertEquals(0, replayed.result().nextSequence());
  }

  @Test
  void sizeBytes_afterCommits_matchesTheFilesOnDisk() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 20, 100, 0);
      long onDisk = 0;
      for (Path p : segments(dir)) {
        onDisk += Files.size(p);
      }
      assertEquals(onDisk, spool.sizeBytes());
    }
  }
}
