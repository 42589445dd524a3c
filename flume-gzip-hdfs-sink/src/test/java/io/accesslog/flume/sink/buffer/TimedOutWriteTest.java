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
import io.accesslog.flume.sink.hdfs.BoundedFileStore;
import io.accesslog.flume.sink.hdfs.ManualWaiter;
import io.accesslog.flume.sink.hdfs.TimedCalls;
import io.accesslog.flume.sink.hdfs.UserContext;
import io.accesslog.flume.sink.ledger.FileLedger;
import io.accesslog.flume.sink.ledger.LedgerEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hdfs.callTimeout on the write path: a write that hangs (a DataNode that stops answering) is
 * abandoned after the timeout, counted as a failed write, and retried through the idempotent-append
 * path, so every line ends up in the file exactly once whether the hung write had landed or not. No
 * real time: the hanging store expires the call's wait itself ({@link ManualWaiter}).
 */
class TimedOutWriteTest {
  private static final long MIN = 60_000L;
  private final HangingStore store = new HangingStore();
  private final ManualWaiter clock = new ManualWaiter();
  private final TimedCalls calls = new TimedCalls("test-call", 100, 8, UserContext.CURRENT, clock);
  private final Target target = Target.of("shop", "web01", H13);
  private final String path = NAMES.inProgressPath(target, 0);
  private long now = H13 + 30 * MIN;
  private long sequence;
  @TempDir Path dir;
  private FileLedger ledger;

  /** Hangs the next write until released: before sending anything, or after all of it arrived. */
  final class HangingStore extends InMemoryFileStoreDelegate {
    volatile CountDownLatch hang;
    volatile boolean hangAfterWrite;
    volatile boolean honourInterrupt;

    @Override
    public void write(String p, List<byte[]> chunks, boolean create) throws IOException {
      CountDownLatch latch = hang;
      hang = null;
      if (latch != null && !hangAfterWrite) {
        block(latch);
      }
      inner.write(p, chunks, create);
      if (latch != null && hangAfterWrite) {
        block(latch);
      }
    }

    private void block(CountDownLatch latch) throws IOException {
      clock.expire(); // the call's wait runs out while it hangs here
      if (honourInterrupt) {
        try {
          latch.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException("interrupted while waiting for the DataNode");
        }
      } else {
        io.accesslog.flume.sink.hdfs.TimedCallsTestAccess.awaitUninterruptibly(latch);
      }
    }
  }

  private WriteEngine engine() throws IOException {
    ledger = FileLedger.open(dir);
    BufferSettings settings =
        new BufferSettings(10, 2 * MIN, 100, 10 * MIN, 0.0, 1 << 30, 5, 1 << 30);
    return new WriteEngine(
        settings,
        GZIP,
        new BoundedFileStore(store, calls, 1000),
        NAMES,
        ledger,
        new RetryBackoff(1000, 8000),
        FailureClassifier.ALL_RETRIABLE,
        Runnable::run,
        Runnable::run);
  }

  @AfterEach
  void close() throws IOException {
    calls.close();
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

  private void settle(WriteEngine engine) {
    for (int i = 0; i < 20; i++) {
      engine.tick(now);
      now += 8000;
    }
  }

  private LedgerEntry entry() {
    return ledger.entries().get(LedgerEntry.keyOf(target.directory(), target.fileBase()));
  }

  private void awaitNotStuck() throws InterruptedException {
    calls.awaitNoneStuck(5000);
    assertEquals(0, calls.stuck(), "no call left stuck");
  }

  @Test
  void hungAppendThatLanded_timesOut_retryFindsItWritten_noLineTwice() throws Exception {
    WriteEngine engine = engine();
    List<String> lines = add(engine, 30, "first");
    settle(engine);
    CountDownLatch release = new CountDownLatch(1);
    store.hangAfterWrite = true;
    store.hang = release;
    lines.addAll(add(engine, 30, "second"));
    engine.tick(now);
    assertEquals(1, engine.stats().hdfsWriteFailures(), "the timed-out write counts as failed");
    assertEquals(1, calls.timeouts());
    assertEquals(1, calls.stuck());
    now += 8000;
    engine.tick(now);
    engine.tick(now); // applies the retry's outcome
    assertEquals(
        2,
        engine.stats().hdfsWriteFailures(),
        "the retry did not start while the hung call runs: " + engine.stats().lastWriteError());
    assertTrue(
        engine.stats().lastWriteError().contains("not started"), engine.stats().lastWriteError());
    release.countDown(); // the DataNode answers again
    awaitNotStuck();
    lines.addAll(add(engine, 10, "third"));
    settle(engine);
    assertEquals(lines, gunzipLines(store.inner.files.get(path).toByteArray()), "each line once");
    assertEquals(store.inner.files.get(path).size(), entry().length());
    assertNull(entry().pending());
  }

  @Test
  void hungCreateInterrupted_timesOut_threadFreed_retryWritesEverything() throws Exception {
    WriteEngine engine = engine();
    store.honourInterrupt = true;
    store.hang = new CountDownLatch(1); // never released: only the interrupt ends it
    List<String> lines = add(engine, 30, "first");
    engine.tick(now);
    assertEquals(1, engine.stats().hdfsWriteFailures());
    awaitNotStuck();
    settle(engine);
    assertEquals(lines, gunzipLines(store.inner.files.get(path).toByteArray()));
    assertEquals(1, calls.timeouts());
    assertTrue(
        store.inner.operations.contains("recover " + path),
        "the retry resolved the file's real length first: " + store.inner.operations);
  }
}
