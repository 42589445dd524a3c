package io.accesslog.flume.sink;

import static io.accesslog.flume.sink.buffer.TestSupport.GZIP;
import static io.accesslog.flume.sink.buffer.TestSupport.NAMES;
import static io.accesslog.flume.sink.buffer.TestSupport.gunzipLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.BufferSettings;
import io.accesslog.flume.sink.buffer.InMemoryFileStore;
import io.accesslog.flume.sink.buffer.RetryBackoff;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.hdfs.HadoopFailures;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.route.Target;
import io.accesslog.flume.sink.spool.Spool;
import io.accesslog.flume.sink.spool.SpoolBatch;
import io.accesslog.flume.sink.spool.SpoolSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up recovery against a fault-injecting in-memory file store: ledger intents resolved by the
 * files' real lengths, then the spool replayed with durable records skipped. Inline executors.
 */
class RecoveryTest {
  /** 2026-11-22T13:00:00Z */
  private static final long H13 = 1_795_352_400_000L;

  private static final long NOW = H13 + 30 * 60_000L;
  @TempDir Path dir;
  private final InMemoryFileStore store = new InMemoryFileStore();
  private final Target a = Target.restored("/logs/shop/13", "web01.2026112213", H13);
  private final Target b = Target.restored("/logs/blog/13", "web02.2026112213", H13);

  private WriteEngine engine(FileLedger ledger) {
    return new WriteEngine(
        new BufferSettings(10, 120_000, 1, 600_000, 0, 1L << 30, 5, 1L << 30),
        GZIP,
        store,
        NAMES,
        ledger,
        new RetryBackoff(1000, 1000),
        HadoopFailures.CLASSIFIER,
        Runnable::run,
        Runnable::run);
  }

  private static byte[] member(List<String> lines) {
    return GZIP.compress(
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8),
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8).length);
  }

  private static List<String> gunzip(byte[] file) {
    return gunzipLines(file);
  }

  private static List<String> lines(String prefix, int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add(prefix + " " + i);
    }
    return lines;
  }

  /** Spools 20 lines of a (seq 0-19) and 20 of b (seq 20-39). */
  private void spool() throws IOException {
    try (Spool spool =
        Spool.open(SpoolSettings.builder(dir).segmentBytes(1 << 20).maxBytes(2 << 20).build())) {
      SpoolBatch batch = spool.newBatch();
      for (String l : lines("a", 0, 20)) {
        batch.add(a.spoolKey(), l.getBytes(StandardCharsets.UTF_8));
      }
      for (String l : lines("b", 0, 20)) {
        batch.add(b.spoolKey(), l.getBytes(StandardCharsets.UTF_8));
      }
      batch.commit();
    }
  }

  private void recoverAndReplay(FileLedger ledger, WriteEngine engine) throws IOException {
    for (FileRecovery.Resumed r :
        new FileRecovery("k1", ledger, store, NAMES, "/logs", "test", true).run()) {
      engine.resume(r.target, r.sequence, r.length, NOW);
    }
    SpoolReplay replay = new SpoolReplay(dir, ledger.entries());
    assertTrue(replay.step(engine, NOW));
    engine.finishAll(NOW);
    for (int i = 0; i < 10 && !engine.isIdle(); i++) {
      engine.tick(NOW);
    }
    assertTrue(engine.isIdle());
  }

  @Test
  void partialAppendRecorded_fileCutBackToLastWholeMember_restReplayedOnce() throws IOException {
    spool();
    byte[] first = member(lines("a", 0, 10));
    byte[] second = member(lines("a", 10, 20));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(first);
    file.write(second, 0, second.length / 2); // the crash cut the second member in half
    String path = NAMES.inProgressPath(a, 0);
    store.files.put(path, file);
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.intent(a, 0, 0, first.length, 10);
      ledger.written(a, 0, first.length, 10);
      ledger.intent(a, 0, first.length, second.length, 20);
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      recoverAndReplay(ledger, engine(ledger));
    }
    assertTrue(
        store.operations.contains("truncate " + path + " " + first.length),
        store.operations.toString());
    assertEquals(lines("a", 0, 20), gunzip(store.files.get(NAMES.finalPath(a, 0)).toByteArray()));
    assertEquals(lines("b", 0, 20), gunzip(store.files.get(NAMES.finalPath(b, 0)).toByteArray()));
  }

  @Test
  void completeAppendNotYetRecorded_recordedAsWritten_notReplayed() throws IOException {
    spool();
    byte[] first = member(lines("a", 0, 10));
    byte[] second = member(lines("a", 10, 20));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(first);
    file.write(second);
    store.files.put(NAMES.inProgressPath(a, 0), file);
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.written(a, 0, first.length, 10);
      ledger.intent(a, 0, first.length, second.length, 20);
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      recoverAndReplay(ledger, engine(ledger));
    }
    assertEquals(
        lines("a", 0, 20),
        gunzip(store.files.get(NAMES.finalPath(a, 0)).toByteArray()),
        "no line twice");
    assertEquals(lines("b", 0, 20), gunzip(store.files.get(NAMES.finalPath(b, 0)).toByteArray()));
  }

  @Test
  void unknownInProgressFiles_ownFinished_otherWritersUntouched() throws IOException {
    String own = "/logs/shop/12/_web01.2026112212.w-test.0003.gz";
    String other = "/logs/shop/12/_web01.2026112212.w-test.too.0003.gz";
    String otherId = "/logs/shop/12/_web01.2026112212.w-you.0000.gz";
    for (String p : List.of(own, other, otherId)) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      data.writeBytes(member(List.of("x")));
      store.files.put(p, data);
    }
    try (FileLedger ledger = FileLedger.open(dir)) {
      new FileRecovery("k1", ledger, store, NAMES, "/logs", "test", true).run();
    }
    assertFalse(store.files.containsKey(own));
    assertTrue(store.files.containsKey("/logs/shop/12/web01.2026112212.w-test.0003.gz"));
    assertTrue(store.files.containsKey(other));
    assertTrue(store.files.containsKey(otherId));
  }

  @Test
  void unknownInProgressFile_notListed_leftAsItIs() throws IOException {
    String own = "/logs/shop/12/_web01.2026112212.w-test.0003.gz";
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(member(List.of("x")));
    store.files.put(own, data);
    try (FileLedger ledger = FileLedger.open(dir)) {
      new FileRecovery("k1", ledger, store, NAMES, "/logs", "test", false).run();
    }
    assertTrue(store.files.containsKey(own));
    assertFalse(
        store.operations.stream().anyMatch(o -> o.startsWith("rename")),
        store.operations.toString());
  }

  @Test
  void hdfsDownDuringRecovery_failsWithoutChangingTheLedger_thenSucceeds() throws IOException {
    spool();
    byte[] first = member(lines("a", 0, 10));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(first);
    store.files.put(NAMES.inProgressPath(a, 0), file);
    try (FileLedger ledger = FileLedger.open(dir)) {
      ledger.intent(a, 0, 0, first.length, 10);
    }
    store.failNextRecoveries = 1;
    try (FileLedger ledger = FileLedger.open(dir)) {
      String before = ledger.entries().toString();
      FileRecovery recovery = new FileRecovery("k1", ledger, store, NAMES, "/logs", "test", true);
      assertEquals("java.net.ConnectException", assertThrowsIo(recovery).getClass().getName());
      assertEquals(before, ledger.entries().toString());
      recoverAndReplay(ledger, engine(ledger));
    }
    assertEquals(lines("a", 0, 20), gunzip(store.files.get(NAMES.finalPath(a, 0)).toByteArray()));
  }

  private static IOException assertThrowsIo(FileRecovery recovery) {
    try {
      recovery.run();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("expected an IOException");
  }
}
