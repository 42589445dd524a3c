package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.assertSameRecords;
import static io.accesslog.flume.sink.spool.SpoolFixtures.replay;
import static io.accesslog.flume.sink.spool.SpoolFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.spool.SpoolFixtures.Rec;
import io.accesslog.flume.sink.spool.SpoolFixtures.Replayed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of batches, injected write/fsync failures, retirements and restarts, checked
 * after every step against a model of what was committed: the replay from the retirement floor must
 * return exactly the committed records, byte-exact and in order, with no damage reported.
 */
class SpoolFuzzTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomOperations_replayAlwaysMatchesTheCommittedRecords(long seed) throws IOException {
    Random random = new Random(seed);
    SpoolSettings settings = SpoolFixtures.settings(dir, 4 << 10);
    FaultyOpener opener = new FaultyOpener();
    Spool spool = Spool.open(settings, opener);
    List<Rec> committed = new ArrayList<>();
    // Records of a batch whose fsync "failed" after a complete write: the intact block stays on
    // disk until the next commit cuts it off, so a replay (or a restart) before that sees it.
    // At least once, never lost.
    List<Rec> writtenButUnacknowledged = null;
    long floor = 0;
    // Within one process sequences only grow; a restart may reuse the numbers of batches that
    // never became durable, but never those of a durable record.
    long lastSeq = -1;

    for (int step = 0; step < 150; step++) {
      int op = random.nextInt(100);
      if (op < 70) {
        int fault = random.nextInt(10);
        if (fault == 0) {
          opener.failForce(1);
        } else if (fault == 1) {
          opener.failWrite(1, random.nextBoolean());
        }
        SpoolBatch batch = spool.newBatch();
        List<Rec> records = new ArrayList<>();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
          byte[] key = utf8("/t/" + random.nextInt(15));
          byte[] line = utf8("line-" + step + "-" + i + "-" + "x".repeat(random.nextInt(200)));
          long seq = batch.add(key, line);
          assertTrue(seq > lastSeq, "sequence must increase: " + seq + " after " + lastSeq);
          assertTrue(committed.isEmpty() || seq > committed.get(committed.size() - 1).seq());
          lastSeq = seq;
          records.add(new Rec(seq, key, line));
        }
        if (fault <= 1 && n > 0) {
          assertThrows(IOException.class, batch::commit);
          writtenButUnacknowledged = fault == 0 ? records : null;
        } else {
          if (fault <= 1) {
            batch.commit(); // empty batch: no IO, the scripted fault stays armed; disarm it
            opener.disarm();
          } else {
            batch.commit();
          }
          committed.addAll(records);
          if (n > 0) {
            writtenButUnacknowledged = null;
          }
        }
      } else if (op < 85) {
        floor = Math.max(floor, lastSeq < 0 ? 0 : random.nextLong(lastSeq + 1));
        spool.retireBefore(floor);
      } else {
        spool.close(); // a restart; after a failed commit nothing repaired the segment
        if (writtenButUnacknowledged != null) {
          committed.addAll(writtenButUnacknowledged);
          writtenButUnacknowledged = null;
        }
        spool = Spool.open(settings, opener);
        assertTrue(
            committed.isEmpty() || spool.nextSequence() > committed.get(committed.size() - 1).seq(),
            "sequence continues after every durable record");
        lastSeq = spool.nextSequence() - 1;
      }
      long from = floor;
      List<Rec> expected = new ArrayList<>(committed);
      if (writtenButUnacknowledged != null) {
        expected.addAll(writtenButUnacknowledged);
      }
      Replayed replayed = replay(dir, from);
      assertSameRecords(
          expected.stream().filter(r -> r.seq() >= from).toList(), replayed.records());
      assertEquals(0, replayed.result().corruptBlocks(), replayed.result().toString());
    }
    spool.close();
    assertEquals(0, opener.openFiles());
  }
}
