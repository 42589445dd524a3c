package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.Backoff;
import io.accesslog.flume.core.Clock;
import io.accesslog.flume.metrics.ReportSender.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReportLoopTest {
  /**
   * Answers with scripted outcomes (ACCEPTED once the script runs out) and records what it was
   * sent.
   */
  private static final class ScriptedSender implements ReportSender {
    final Deque<Outcome> script = new ArrayDeque<>();
    final List<String> attempts = new ArrayList<>();
    final List<String> accepted = new ArrayList<>();

    @Override
    public Outcome send(String json) {
      attempts.add(json);
      Outcome outcome = script.isEmpty() ? Outcome.ACCEPTED : script.removeFirst();
      if (outcome == Outcome.ACCEPTED) {
        accepted.add(json);
      }
      return outcome;
    }
  }

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ScriptedSender sender = new ScriptedSender();
  private final ReporterCounters counters = new ReporterCounters("test-" + System.nanoTime());

  private ReportLoop loop(int backlog) {
    return new ReportLoop(
        (time, count) -> "r" + count,
        sender,
        new Backoff(1_000, 8_000),
        counters,
        Clock.ofMillis(now::get),
        new ReportBacklog(backlog),
        0);
  }

  @Test
  void tick_collectorUp_eachReportSentOnce() {
    ReportLoop loop = loop(5);
    for (int i = 0; i < 3; i++) {
      loop.tick();
      now.addAndGet(1_000);
    }
    assertEquals(List.of("r1", "r2", "r3"), sender.accepted);
    assertEquals(3, counters.getReportsSent());
    assertEquals(0, counters.getBacklogSize());
  }

  @Test
  void tick_collectorDown_backsOffDoublingAndKeepsNewestWithinBacklog() {
    ReportLoop loop = loop(3);
    for (int i = 0; i < 20; i++) {
      sender.script.add(Outcome.FAILED);
    }
    List<Long> attemptTimes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int before = sender.attempts.size();
      loop.tick();
      if (sender.attempts.size() > before) {
        attemptTimes.add(now.get());
      }
      now.addAndGet(1_000);
    }
    // Attempts at t=0, +1 s, +3 s, +7 s, +15 s: waits 1, 2, 4, 8 s (capped at 8).
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < attemptTimes.size(); i++) {
      gaps.add(attemptTimes.get(i) - attemptTimes.get(i - 1));
    }
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L), gaps);
    assertEquals(3, loop.backlog().size(), "bounded");
    assertEquals(17, counters.getReportsDropped(), "20 taken, 3 kept");
    assertEquals(5, counters.getSendFailures());
    assertTrue(loop.backingOff(now.get()));

    sender.script.clear();
    now.addAndGet(8_000);
    loop.tick();
    assertEquals(
        List.of("r19", "r20", "r21"), sender.accepted, "the newest three, oldest first, once back");
    assertEquals(0, counters.getBacklogSize());
    assertFalse(loop.backingOff(now.get()));
  }

  @Test
  void tick_rejectedReport_droppedAndNextSent() {
    ReportLoop loop = loop(5);
    sender.script.add(Outcome.REJECTED);
    loop.tick();
    now.addAndGet(1_000);
    loop.tick();
    assertEquals(List.of("r2"), sender.accepted);
    assertEquals(1, counters.getReportsRejected());
    assertEquals(0, loop.backlog().size());
  }

  @Test
  void classify_statuses() {
    assertEquals(Outcome.ACCEPTED, HttpReportSender.classify(204));
    assertEquals(Outcome.REJECTED, HttpReportSender.classify(400));
    assertEquals(Outcome.REJECTED, HttpReportSender.classify(401));
    assertEquals(Outcome.FAILED, HttpReportSender.classify(429));
    assertEquals(Outcome.FAILED, HttpReportSender.classify(503));
  }
}
