package io.accesslog.flume.sink.buffer;

import static io.accesslog.flume.sink.buffer.TestSupport.GZIP;
import static io.accesslog.flume.sink.buffer.TestSupport.H13;
import static io.accesslog.flume.sink.buffer.TestSupport.HOUR;
import static io.accesslog.flume.sink.buffer.TestSupport.NAMES;
import static io.accesslog.flume.sink.buffer.TestSupport.gunzipLines;
import static io.accesslog.flume.sink.buffer.TestSupport.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.TestSupport.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The roll/flush/close policy driven by a fake clock: workers run inline (a synchronous executor),
 * so a {@link WriteEngine#tick} applies what the previous step started. No sleeping anywhere.
 */
class WriteEngineTest {
  private static final long MIN = 60_000L;
  private final InMemoryFileStore store = new InMemoryFileStore();
  private long now = H13 + 30 * MIN;
  private long sequence;

  private WriteEngine engine(BufferSettings settings) {
    return new WriteEngine(settings, GZIP, store, NAMES, Runnable::run, Runnable::run);
  }

  /**
   * member.lines, member.maxAge, append.bytes, append.maxAge (no jitter), roll.bytes, close minute
   * 5, budget.
   */
  private static BufferSettings settings(
      int memberLines, long appendBytes, long rollBytes, long budget) {
    return new BufferSettings(
        memberLines, 2 * MIN, appendBytes, 10 * MIN, 0.0, rollBytes, 5, budget);
  }

  private List<String> add(WriteEngine engine, Target target, int count, String prefix) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text = prefix + " line " + i;
      lines.add(text);
      engine.append(target, line(text), sequence++, now);
    }
    return lines;
  }

  private void ticks(WriteEngine engine, int n) {
    for (int i = 0; i < n; i++) {
      engine.tick(now);
    }
  }

  private Map<String, List<String>> filesContent() {
    Map<String, List<String>> content = new TreeMap<>();
    store.files.forEach((path, bytes) -> content.put(path, gunzipLines(bytes.toByteArray())));
    return content;
  }

  @Test
  void append_memberLinesReached_oneMemberCompressedWithoutWaiting() {
    WriteEngine engine = engine(settings(100, 1 << 20, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    add(engine, t, 99, "a");
    engine.tick(now);
    assertEquals(0, engine.stats().membersWritten());
    add(engine, t, 1, "b");
    engine.tick(now);
    assertEquals(1, engine.stats().membersWritten());
    assertEquals(0, engine.stats().level1Bytes());
    assertTrue(engine.stats().level2Bytes() > 0);
  }

  @Test
  void tick_memberMaxAgePassed_partialMemberCompressed() {
    WriteEngine engine = engine(settings(1000, 1 << 20, 1 << 30, 1 << 30));
    add(engine, Target.of("shop", "web01", H13), 10, "a");
    now += 2 * MIN - 1000;
    ticks(engine, 2);
    assertEquals(0, engine.stats().membersWritten(), "not before member.maxAge");
    now += 1000;
    ticks(engine, 2);
    assertEquals(1, engine.stats().membersWritten());
  }

  @Test
  void tick_appendBytesReached_createsUnderTheInProgressNameThenAppends() {
    WriteEngine engine = engine(settings(10, 200, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    List<String> lines = add(engine, t, 50, "a");
    ticks(engine, 3);
    String path = NAMES.inProgressPath(t, 0);
    assertEquals("create " + path, store.operations.get(0));
    assertTrue(
        store.operations.stream().skip(1).allMatch(o -> o.equals("append " + path)),
        store.operations.toString());
    assertTrue(engine.stats().level2Bytes() < 200, "what is left in level 2 is below append.bytes");
    engine.finishAll(now);
    ticks(engine, 4);
    assertEquals(Map.of(NAMES.finalPath(t, 0), lines), filesContent());
  }

  @Test
  void tick_appendMaxAgePassed_writesSmallBufferThenAppendsNextOne() {
    WriteEngine engine = engine(settings(5, 1 << 20, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    List<String> first = add(engine, t, 5, "a");
    ticks(engine, 2);
    now += 10 * MIN - 1000;
    ticks(engine, 2);
    assertEquals(List.of(), store.operations, "not before append.maxAge");
    now += 1000;
    ticks(engine, 2);
    List<String> second = add(engine, t, 5, "b");
    now += 10 * MIN;
    ticks(engine, 3);
    String path = NAMES.inProgressPath(t, 0);
    assertEquals(List.of("create " + path, "append " + path), store.operations);
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(all, filesContent().get(path));
  }

  @Test
  void tick_rollBytesReached_fileFinishedAndNextSequenceStarted() {
    WriteEngine engine = engine(settings(20, 1, 600, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    List<String> lines = new ArrayList<>();
    for (int round = 0; round < 30; round++) {
      lines.addAll(add(engine, t, 20, "r" + round + " with some text to make members bigger"));
      ticks(engine, 3);
      now += 1000;
    }
    assertTrue(engine.stats().filesFinished() >= 2, "rolled at least twice: " + store.operations);
    List<String> read = new ArrayList<>();
    int seq = 0;
    for (; store.files.containsKey(NAMES.finalPath(t, seq)); seq++) {
      byte[] bytes = store.files.get(NAMES.finalPath(t, seq)).toByteArray();
      read.addAll(gunzipLines(bytes));
      assertTrue(bytes.length >= 600, "a finished file reached roll.bytes: " + bytes.length);
    }
    if (store.files.containsKey(NAMES.inProgressPath(t, seq))) {
      read.addAll(gunzipLines(store.files.get(NAMES.inProgressPath(t, seq)).toByteArray()));
    }
    assertEquals(lines, read, "every line once, in order, across the sequence");
  }

  @Test
  void tick_closeMinuteOfNextHourWithoutTraffic_everyFileOfTheHourFinished() {
    WriteEngine engine = engine(settings(1000, 1 << 20, 1 << 30, 1 << 30));
    Target a = Target.of("shop", "web01", H13);
    Target b = Target.of("blog", "web02", H13);
    List<String> la = add(engine, a, 300, "a");
    List<String> lb = add(engine, b, 7, "b");
    now = H13 + HOUR + 5 * MIN - 1000;
    ticks(engine, 3);
    assertFalse(
        store.operations.stream().anyMatch(o -> o.startsWith("rename")), "not before HH:05");
    now += 1000;
    ticks(engine, 4);
    assertEquals(Map.of(NAMES.finalPath(a, 0), la, NAMES.finalPath(b, 0), lb), filesContent());
    assertEquals(0, engine.openTargets(), "finished targets leave memory");
    assertEquals(Long.MAX_VALUE, engine.oldestUndurableSequence());
  }

  @Test
  void append_lineForAFinishedHour_countedLateAndWrittenToTheNextSequenceFile() {
    WriteEngine engine = engine(settings(1000, 1 << 20, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    List<String> onTime = add(engine, t, 10, "on time");
    now = H13 + HOUR + 5 * MIN;
    ticks(engine, 4);
    now += MIN;
    List<String> late = add(engine, t, 3, "late");
    assertEquals(3, engine.stats().lateLines());
    now += 2 * MIN;
    ticks(engine, 2);
    assertEquals(
        Map.of(NAMES.finalPath(t, 0), onTime),
        filesContent(),
        "late lines wait for the normal timers");
    now += 10 * MIN;
    ticks(engine, 4);
    assertEquals(
        Map.of(NAMES.finalPath(t, 0), onTime, NAMES.finalPath(t, 1), late), filesContent());
    assertEquals(0, engine.openTargets());
  }

  @Test
  void tick_overMemoryBudget_largestLevel1BuffersCompressedEarly() {
    WriteEngine engine = engine(settings(100_000, 1 << 30, 1L << 40, 256 * 1024));
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      targets.add(Target.of("app" + (i % 20), "web" + i, H13));
    }
    long peak = 0;
    for (int round = 0; round < 20; round++) {
      for (Target t : targets) {
        add(
            engine,
            t,
            3,
            "round " + round + " some access log text of a realistic-ish length for the test");
      }
      engine.tick(now);
      engine.tick(now);
      EngineStats s = engine.stats();
      peak = Math.max(peak, s.level1Bytes() + s.level2Bytes() + s.inFlightBytes());
    }
    assertTrue(engine.stats().pressureEvents() > 0);
    assertTrue(
        engine.stats().membersWritten() > 0, "members were cut before member.lines under pressure");
    assertTrue(peak < 2 * 256 * 1024, "memory stayed near the budget: " + peak);
  }

  @Test
  void tick_level2AloneOverBudget_writtenEarly() {
    WriteEngine engine = engine(settings(10, 1L << 40, 1L << 40, 64 * 1024));
    Target t = Target.of("shop", "web01", H13);
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 200; i++) {
      StringBuilder noise = new StringBuilder();
      for (int j = 0; j < 40; j++) {
        noise.append(Long.toHexString(random.nextLong()));
      }
      add(engine, t, 10, noise.toString());
      engine.tick(now);
    }
    ticks(engine, 2);
    assertTrue(
        store.count("create") + store.count("append") > 0, "level 2 written before append.bytes");
    assertTrue(engine.stats().level2Bytes() <= 64 * 1024);
  }

  @Test
  void tick_hdfsWriteFails_retriedWithBackoffAndNothingLost() {
    WriteEngine engine = engine(settings(10, 100, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    store.failNextWrites = 2;
    List<String> lines = add(engine, t, 30, "a");
    ticks(engine, 3);
    assertEquals(1, engine.stats().hdfsWriteFailures());
    ticks(engine, 3);
    assertEquals(1, engine.stats().hdfsWriteFailures(), "no retry before the backoff");
    now += 1000;
    ticks(engine, 3);
    now += 2000;
    ticks(engine, 3);
    assertEquals(2, engine.stats().hdfsWriteFailures());
    assertEquals(lines, filesContent().get(NAMES.inProgressPath(t, 0)));
    assertTrue(engine.stats().lastWriteError().contains("scripted write failure"));
  }

  @Test
  void tick_longWriteError_gaugeKeepsItsStartCut() {
    WriteEngine engine = engine(settings(10, 100, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    store.failNextWrites = 1;
    store.failureDetail =
        " For more details see: " + "http://wiki.example/ConnectionRefused ".repeat(50);
    add(engine, t, 30, "a");
    ticks(engine, 3);

    String error = engine.stats().lastWriteError();
    assertEquals(1, engine.stats().hdfsWriteFailures());
    assertEquals(EngineStats.MAX_ERROR_CHARS, error.length());
    assertTrue(error.contains("scripted write failure on"), error);
    assertTrue(error.endsWith("..."), error);
  }

  @Test
  void finishAll_afterRenameFailure_retriesOnlyTheRename() {
    WriteEngine engine = engine(settings(1000, 1 << 20, 1 << 30, 1 << 30));
    Target t = Target.of("shop", "web01", H13);
    List<String> lines = add(engine, t, 10, "a");
    store.failNextRenames = 1;
    engine.finishAll(now);
    ticks(engine, 4);
    assertFalse(engine.isIdle());
    now += 1000;
    ticks(engine, 4);
    assertTrue(engine.isIdle());
    assertEquals(Map.of(NAMES.finalPath(t, 0), lines), filesContent());
    assertEquals(1, store.count("create"), "data written once: " + store.operations);
  }

  @Test
  void finishAll_manyTargets_everyLineInAFinalFileInPerTargetOrder() {
    WriteEngine engine = engine(settings(7, 500, 3000, 1 << 30));
    Map<Target, List<String>> expected = new java.util.HashMap<>();
    for (int round = 0; round < 40; round++) {
      for (int i = 0; i < 25; i++) {
        Target t = Target.of("app" + (i % 4), "web" + i, i % 3 == 0 ? H13 - HOUR : H13);
        expected
            .computeIfAbsent(t, k -> new ArrayList<>())
            .addAll(add(engine, t, 1 + (round + i) % 5, "r" + round));
      }
      now += 7_000;
      engine.tick(now);
    }
    engine.finishAll(now);
    for (int i = 0; i < 10 && !engine.isIdle(); i++) {
      engine.tick(now);
    }
    assertTrue(engine.isIdle());
    assertTrue(
        store.files.keySet().stream().noneMatch(p -> p.contains("/_")), "no in-progress file left");
    for (Map.Entry<Target, List<String>> e : expected.entrySet()) {
      List<String> read = new ArrayList<>();
      for (int seq = 0; store.files.containsKey(NAMES.finalPath(e.getKey(), seq)); seq++) {
        read.addAll(gunzipLines(store.files.get(NAMES.finalPath(e.getKey(), seq)).toByteArray()));
      }
      assertEquals(e.getValue(), read, e.getKey().toString());
    }
  }

  @Test
  void oldestUndurableSequence_followsTheOldestLineNotYetInHdfs() {
    WriteEngine engine = engine(settings(1000, 1 << 20, 1 << 30, 1 << 30));
    Target a = Target.of("shop", "web01", H13);
    Target b = Target.of("shop", "web02", H13);
    add(engine, a, 5, "a");
    add(engine, b, 5, "b");
    assertEquals(0, engine.oldestUndurableSequence());
    engine.finishAll(now);
    ticks(engine, 4);
    assertEquals(Long.MAX_VALUE, engine.oldestUndurableSequence());
  }
}
