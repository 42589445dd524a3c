package io.accesslog.flume.source.kafka;

import static io.accesslog.flume.source.kafka.ScriptedConsumer.tp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private final OffsetTracker tracker = new OffsetTracker();

  @Test
  void toCommit_nothingDelivered_isEmpty() {
    tracker.fetched(tp(0), 5);
    assertTrue(tracker.toCommit().isEmpty());
  }

  @Test
  void toCommit_prefixDelivered_isOnePastLastDelivered() {
    tracker.fetched(tp(0), 5);
    tracker.fetched(tp(0), 6);
    tracker.fetched(tp(0), 9); // gaps are normal (compaction, transaction markers)
    tracker.delivered(tp(0), 5);
    tracker.delivered(tp(0), 6);
    assertEquals(Map.of(tp(0), 7L), tracker.toCommit());
  }

  @Test
  void toCommit_deliveredOutOfOrder_stopsAtFirstUndelivered() {
    tracker.fetched(tp(0), 0);
    tracker.fetched(tp(0), 1);
    tracker.fetched(tp(0), 2);
    tracker.delivered(tp(0), 2);
    tracker.delivered(tp(0), 1);
    assertTrue(tracker.toCommit().isEmpty());

    tracker.delivered(tp(0), 0);

    assertEquals(Map.of(tp(0), 3L), tracker.toCommit());
  }

  @Test
  void toCommit_afterCommitted_onlyAdvancedPartitions() {
    tracker.fetched(tp(0), 0);
    tracker.fetched(tp(1), 0);
    tracker.delivered(tp(0), 0);
    tracker.delivered(tp(1), 0);
    tracker.committed(tracker.toCommit());
    tracker.fetched(tp(1), 1);
    tracker.delivered(tp(1), 1);

    assertEquals(Map.of(tp(1), 2L), tracker.toCommit());
  }

  @Test
  void forget_revokedPartition_dropsItsOffsets() {
    tracker.fetched(tp(0), 0);
    tracker.delivered(tp(0), 0);
    tracker.forget(List.of(tp(0)));
    assertTrue(tracker.toCommit().isEmpty());
    assertEquals(-1, tracker.committable(tp(0)));
  }

  @Test
  void delivered_unknownOffset_throws() {
    tracker.fetched(tp(0), 3);
    assertThrows(IllegalStateException.class, () -> tracker.delivered(tp(0), 4));
    assertThrows(IllegalStateException.class, () -> tracker.delivered(tp(1), 3));
  }

  @Test
  void fetched_offsetGoingBack_throws() {
    tracker.fetched(tp(0), 3);
    assertThrows(IllegalStateException.class, () -> tracker.fetched(tp(0), 3));
  }

  /** Random fetch/deliver sequences: the commit offset never passes an undelivered record. */
  @Test
  void toCommit_randomDeliveryOrder_neverPassesUndeliveredRecord() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      OffsetTracker t = new OffsetTracker();
      TreeSet<Long> undelivered = new TreeSet<>();
      List<Long> deliverable = new ArrayList<>();
      long next = random.nextInt(100);
      for (int step = 0; step < 100; step++) {
        if (random.nextBoolean() || deliverable.isEmpty()) {
          next += 1 + random.nextInt(3);
          t.fetched(tp(0), next);
          undelivered.add(next);
          deliverable.add(next);
        } else {
          Collections.shuffle(deliverable, random);
          long offset = deliverable.remove(deliverable.size() - 1);
          t.delivered(tp(0), offset);
          undelivered.remove(offset);
        }
        long committable = t.committable(tp(0));
        if (!undelivered.isEmpty()) {
          assertTrue(
              committable <= undelivered.first(),
              "commit " + committable + " passes undelivered " + undelivered.first());
        }
        assertEquals(undelivered.size(), t.outstanding());
      }
    }
  }
}
