package io.accesslog.flume.sink.buffer;

import static io.accesslog.flume.sink.buffer.TestSupport.GZIP;
import static io.accesslog.flume.sink.buffer.TestSupport.H13;
import static io.accesslog.flume.sink.buffer.TestSupport.NAMES;
import static io.accesslog.flume.sink.buffer.TestSupport.gunzipLines;
import static io.accesslog.flume.sink.buffer.TestSupport.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.sink.buffer.TestSupport.Target;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed HDFS writes with a fault-injecting store: whatever a failure left in the file (nothing, a
 * partial member, everything), the retry leaves every line exactly once in whole gzip members, and
 * the ledger ends with the file's true length and no pending intent. Inline executors, fake clock.
 */
class IdempotentWriteTest {
  private static final long MIN = 60_000L;
  private final InMemoryFileStore store = new InMemoryFileStore();
  private final Target target = Target.of("shop", "web01", H13);
  private final String path = NAMES.inProgressPath(target, 0);
  private long now = H13 + 30 * MIN;
  private long sequence;
  @TempDir Path dir;
  private FileLedger ledger;

  private WriteEngine engine() throws IOException {
    ledger = FileLedger.open(dir);
    BufferSettings settings =
        new BufferSettings(10, 2 * MIN, 100, 10 * MIN, 0.0, 1 << 30, 5, 1 << 30);
    return new WriteEngine(
        settings,
        GZIP,
        store,
        NAMES,
        ledger,
        new RetryBackoff(1000, 8000),
        FailureClassifier.ALL_RETRIABLE,
        Runnable::run,
        Runnable::run);
  }

  @AfterEach
  void closeLedger() throws IOException {
    ledger.close();
  }

  private List<String> add(WriteEngine engine, int count, String prefix) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(prefix + " " + i);
      engine.append(target, line(prefix + " " + i), sequence++, now);
    }
    return lines;
  }

  /** Runs the engine past every backoff until nothing is left in level 2. */
  private void settle(WriteEngine engine) {
    for (int i = 0; i < 20; i++) {
      engine.tick(now);
      now += 8000;
    }
  }

  private LedgerEntry entry() {
    return ledger.entries().get(LedgerEntry.keyOf(target.directory(), target.fileBase()));
  }

  @Test
  void retry_afterPartialAppend_cutsBackAndWritesOnce() throws IOException {
    WriteEngine engine = engine();
    List<String> lines = add(engine, 30, "first");
    settle(engine);
    long before = store.files.get(path).size();
    store.partialNextWrite = 7;
    lines.addAll(add(engine, 30, "second"));
    engine.tick(now);
    assertEquals(before + 7, store.files.get(path).size(), "the failure left a partial member");
    assertEquals(1, engine.stats().hdfsWriteFailures());
    settle(engine);
    assertEquals(lines, gunzipLines(store.files.get(path).toByteArray()));
    assertTrue(
        store.operations.contains("truncate " + path + " " + before), store.operations.toString());
    assertEquals(store.files.get(path).size(), entry().length());
    assertNull(entry().pending());
    assertEquals(sequence, entry().sequenceEnd());
  }

  @Test
  void retry_afterAppendTornByADataNodeCrash_everyEarlierLineKept() throws IOException {
    store.chunkBytes = InMemoryFileStore.DATANODE_CHUNK;
    WriteEngine engine = engine();
    List<String> lines = add(engine, 30, "first");
    settle(engine);
    long before = store.files.get(path).size();
    assertEquals(0, before % store.chunkBytes, "padded to a checksum chunk: " + before);
    store.tearNextWrite = true;
    lines.addAll(add(engine, 30, "second"));
    engine.tick(now);
    assertEquals(1, engine.stats().hdfsWriteFailures());
    assertEquals(before, store.files.get(path).size(), "the tear stopped at the earlier write");
    settle(engine);
    assertEquals(lines, gunzipLines(store.files.get(path).toByteArray()), "each line once");
    assertEquals(0, store.files.get(path).size() % store.chunkBytes);
    assertEquals(store.files.get(path).size(), entry().length());
    assertNull(entry().pending());
  }

  /** The same tear without padding: the earlier write's tail is gone, and the writer stops. */
  @Test
  void appendTornByADataNodeCrash_withoutPadding_cutsIntoTheEarlierWrite() throws IOException {
    WriteEngine engine = engine();
    add(engine, 30, "first");
    settle(engine);
    long before = store.files.get(path).size();
    assertTrue(before % InMemoryFileStore.DATANODE_CHUNK != 0, "unpadded: " + before);
    store.tearNextWrite = true;
    add(engine, 30, "second");
    engine.tick(now);
    settle(engine);
    assertTrue(store.files.get(path).size() < before, "the tear took committed bytes");
    assertTrue(engine.stats().hdfsWriteFailures() > 1, "and every retry refuses the file");
  }

  @Test
  void retry_afterLostReplyOfCompleteWrite_doesNotWriteAgain() throws IOException {
    WriteEngine engine = engine();
    List<String> lines = add(engine, 30, "first");
    settle(engine);
    store.loseNextReply = true;
    lines.addAll(add(engine, 30, "second"));
    engine.tick(now);
    assertEquals(1, engine.stats().hdfsWriteFailures());
    lines.addAll(add(engine, 10, "third"));
    settle(engine);
    assertEquals(lines, gunzipLines(store.files.get(path).toByteArray()), "each line once");
    assertEquals(store.files.get(path).size(), entry().length());
    assertNull(entry().pending());
  }

  @Test
  void retry_afterPartialCreate_deletesAndCreatesAgain() throws IOException {
    WriteEngine engine = engine();
    store.partialNextWrite = 5;
    List<String> lines = add(engine, 30, "first");
    engine.tick(now);
    assertEquals(5, store.files.get(path).size());
    store.failNextRecoveries = 2; // NameNode still away for the first two retries
    settle(engine);
    assertEquals(lines, gunzipLines(store.files.get(path).toByteArray()));
    assertTrue(store.operations.contains("delete " + path), store.operations.toString());
    assertEquals(3, engine.stats().hdfsWriteFailures());
  }

  @Test
  void ledger_reopened_keepsIntentWrittenAndFinished() throws IOException {
    WriteEngine engine = engine();
    add(engine, 30, "first");
    settle(engine);
    store.partialNextWrite = 3;
    add(engine, 30, "second");
    engine.tick(now);
    LedgerEntry pending = entry();
    ledger.close();
    ledger = FileLedger.open(dir);
    LedgerEntry reopened = entry();
    assertEquals(pending.toString(), reopened.toString());
    assertTrue(reopened.open());
    assertEquals(
        reopened.length(),
        reopened.pending().lengthBefore(),
        "the intent starts where the file was durable");
    assertEquals(0, ledger.damagedLines());
  }
}
