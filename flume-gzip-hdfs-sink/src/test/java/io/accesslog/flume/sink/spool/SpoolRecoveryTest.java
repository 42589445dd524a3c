package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.assertSameRecords;
import static io.accesslog.flume.sink.spool.SpoolFixtures.replay;
import static io.accesslog.flume.sink.spool.SpoolFixtures.segments;
import static io.accesslog.flume.sink.spool.SpoolFixtures.settings;
import static io.accesslog.flume.sink.spool.SpoolFixtures.writeBatches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.spool.SpoolFixtures.Rec;
import io.accesslog.flume.sink.spool.SpoolFixtures.Replayed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn tails, corrupt blocks and what open and replay make of them. */
class SpoolRecoveryTest {
  private static final int PER_BATCH = 100;

  @TempDir Path dir;

  /** Writes 10 batches into one segment; returns the records and the block end offsets. */
  private List<Rec> writeTen(List<Long> blockEnds) throws IOException {
    List<Rec> written = new ArrayList<>();
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      for (int b = 0; b < 10; b++) {
        written.addAll(writeBatches(spool, 1, PER_BATCH, b * 1000L));
        blockEnds.add(spool.sizeBytes());
      }
    }
    return written;
  }

  private Path onlySegment() throws IOException {
    List<Path> all = segments(dir);
    assertEquals(1, all.size());
    return all.get(0);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0x5A);
    }
  }

  @Test
  void replay_lastBlockCutInTheMiddle_returnsCompleteBlocksAndReportsTheTornTail()
      throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    Path segment = onlySegment();
    long cut = ends.get(8) + (ends.get(9) - ends.get(8)) / 2;
    truncate(segment, cut);

    Replayed replayed = replay(dir, 0);

    assertSameRecords(written.subList(0, 9 * PER_BATCH), replayed.records());
    assertEquals(1, replayed.result().tornTails());
    SpoolIssue torn = replayed.result().issues().get(0);
    assertEquals(SpoolIssue.Kind.TORN_TAIL, torn.kind());
    assertEquals(segment, torn.segment());
    assertEquals(ends.get(8), torn.offset());
    assertEquals(cut - ends.get(8), torn.length());
    assertTrue(torn.reason().contains("past the end of the file"), torn.reason());
    assertFalse(torn.truncated());
    assertEquals(cut, Files.size(segment), "REPORT leaves the file alone");
    assertEquals(9 * PER_BATCH, replayed.result().nextSequence());
  }

  @Test
  void replay_tornTailWithTruncate_cutsTheFileAtTheLastIntactBlock() throws IOException {
    List<Long> ends = new ArrayList<>();
    writeTen(ends);
    Path segment = onlySegment();
    truncate(segment, ends.get(9) - 3);

    Replayed replayed = replay(dir, 0, SpoolReader.TailAction.TRUNCATE);

    assertTrue(replayed.result().issues().get(0).truncated());
    assertEquals(ends.get(9) - 3 - ends.get(8), replayed.result().bytesTruncated());
    assertEquals(ends.get(8), Files.size(segment));
    assertTrue(replay(dir, 0).result().isClean(), "second replay finds nothing");
  }

  @Test
  void replay_garbageAppended_reportsItAndReplaysEverything() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    Path segment = onlySegment();
    Files.write(
        segment,
        new byte[] {
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
          26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38
        },
        StandardOpenOption.APPEND);

    Replayed replayed = replay(dir, 0);

    assertSameRecords(written, replayed.records());
    SpoolIssue torn = replayed.result().issues().get(0);
    assertEquals(ends.get(9), torn.offset());
    assertTrue(torn.reason().contains("bad block magic"), torn.reason());
  }

  @Test
  void replay_zerosAfterLastBlock_reportedAsTornTail() throws IOException {
    List<Long> ends = new ArrayList<>();
    writeTen(ends);
    Path segment = onlySegment();
    Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

    ReplayResult result = replay(dir, 0).result();

    assertEquals(1, result.tornTails());
    assertEquals(ends.get(9), result.issues().get(0).offset());
  }

  @Test
  void replay_byteFlippedInAMiddlePayload_reportsCorruptBlockAndReplaysTheRest()
      throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    Path segment = onlySegment();
    flipByte(segment, ends.get(3) + BlockHeader.SIZE + 10);

    Replayed replayed = replay(dir, 0);

    List<Rec> expected = new ArrayList<>(written.subList(0, 4 * PER_BATCH));
    expected.addAll(written.subList(5 * PER_BATCH, 10 * PER_BATCH));
    assertSameRecords(expected, replayed.records());
    ReplayResult result = replayed.result();
    assertEquals(1, result.corruptBlocks());
    assertEquals(0, result.tornTails());
    assertEquals(PER_BATCH, result.lostRecords());
    SpoolIssue issue = result.issues().get(0);
    assertEquals(ends.get(3), issue.offset());
    assertEquals(4 * PER_BATCH, issue.firstSeq());
    assertTrue(issue.reason().contains("payload CRC mismatch"), issue.reason());
  }

  @Test
  void replay_byteFlippedInAMiddleHeader_stopsTheSegmentThere() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    flipByte(onlySegment(), ends.get(3) + 17);

    Replayed replayed = replay(dir, 0);

    // Without a trusted length the next block cannot be found safely: the rest is a torn tail.
    assertSameRecords(written.subList(0, 4 * PER_BATCH), replayed.records());
    SpoolIssue torn = replayed.result().issues().get(0);
    assertEquals(SpoolIssue.Kind.TORN_TAIL, torn.kind());
    assertEquals(ends.get(3), torn.offset());
    assertTrue(torn.reason().contains("header CRC mismatch"), torn.reason());
  }

  @Test
  void replay_lastBlockPayloadDamaged_countsItAsTornTailNotCorruptBlock() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    flipByte(onlySegment(), ends.get(9) - 1);

    Replayed replayed = replay(dir, 0);

    assertSameRecords(written.subList(0, 9 * PER_BATCH), replayed.records());
    assertEquals(0, replayed.result().corruptBlocks());
    assertEquals(1, replayed.result().tornTails());
    assertEquals(ends.get(8), replayed.result().issues().get(0).offset());
  }

  @Test
  void replay_tornTailInAnOlderSegment_continuesWithTheNextSegment() throws IOException {
    List<Rec> written;
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      written = writeBatches(spool, 30, PER_BATCH, 0);
    }
    Path first = segments(dir).get(0);
    long firstSize = Files.size(first);
    truncate(first, firstSize - 5);
    long secondStart = SegmentFiles.list(dir).get(1).firstSeq;

    Replayed replayed = replay(dir, 0);

    List<Rec> expected = new ArrayList<>(written.subList(0, (int) secondStart - PER_BATCH));
    expected.addAll(written.subList((int) secondStart, written.size()));
    assertSameRecords(expected, replayed.records());
    assertEquals(1, replayed.result().tornTails());
  }

  @Test
  void open_tornTail_truncatesItAndContinuesAfterTheLastIntactBlock() throws IOException {
    List<Long> ends = new ArrayList<>();
    List<Rec> written = writeTen(ends);
    Path segment = onlySegment();
    truncate(segment, ends.get(9) - 7);

    List<Rec> more;
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      assertEquals(9 * PER_BATCH, spool.nextSequence());
      SpoolIssue cut = spool.tailTruncatedAtOpen().orElseThrow();
      assertEquals(ends.get(8), cut.offset());
      assertTrue(cut.truncated());
      assertEquals(ends.get(8), spool.sizeBytes());
      more = writeBatches(spool, 2, PER_BATCH, 77_000);
    }
    Replayed replayed = replay(dir, 0);
    List<Rec> expected = new ArrayList<>(written.subList(0, 9 * PER_BATCH));
    expected.addAll(more);
    assertSameRecords(expected, replayed.records());
    assertTrue(replayed.result().isClean(), replayed.result().toString());
  }

  @Test
  void open_newestSegmentHasNoIntactBlock_reusesItAndKeepsItsSequence() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      writeBatches(spool, 30, PER_BATCH, 0);
    }
    List<SegmentInfo> infos = SegmentFiles.list(dir);
    SegmentInfo newest = infos.get(infos.size() - 1);
    truncate(newest.path, 20);

    try (Spool spool = Spool.open(settings(dir, 8 << 10))) {
      assertEquals(newest.firstSeq, spool.nextSequence());
      assertEquals(0, Files.size(newest.path));
      writeBatches(spool, 1, PER_BATCH, 0);
      assertEquals(infos.size(), spool.segmentCount());
    }
    Replayed replayed = replay(dir, 0);
    assertTrue(replayed.result().isClean(), replayed.result().toString());
    assertEquals(newest.firstSeq + PER_BATCH, replayed.result().nextSequence());
  }

  @Test
  void open_newerFormatVersion_refusesToTruncate() throws IOException {
    List<Long> ends = new ArrayList<>();
    writeTen(ends);
    Path segment = onlySegment();
    // Rewrite the first header as version 2 with a valid header CRC.
    byte[] bytes = Files.readAllBytes(segment);
    bytes[4] = 2;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, 0, 32);
    BlockBytes.putInt(bytes, 32, (int) crc.getValue());
    Files.write(segment, bytes);

    IOException e = assertThrows(IOException.class, () -> Spool.open(settings(dir, 1 << 20)));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertEquals(bytes.length, Files.size(segment), "nothing was cut");
    assertEquals(1, replay(dir, 0).result().tornTails());
  }

  @Test
  void replay_consumerThrows_propagates() throws IOException {
    writeTen(new ArrayList<>());
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                SpoolReader.replay(
                    dir,
                    0,
                    (seq, key, buf, off, len) -> {
                      throw new IOException("hdfs down");
                    }));
    assertEquals("hdfs down", e.getMessage());
  }

  @Test
  void replay_truncateWhileSpoolOpen_failsOnTheLock() throws IOException {
    try (Spool spool = Spool.open(settings(dir, 1 << 20))) {
      writeBatches(spool, 1, 10, 0);
      assertThrows(IOException.class, () -> replay(dir, 0, SpoolReader.TailAction.TRUNCATE));
      assertEquals(10, replay(dir, 0).records().size(), "REPORT needs no lock");
    }
  }
}
