package io.accesslog.flume.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The pure pieces of failure handling: what a file's length says about a write, backoff, the retry
 * schedule.
 */
class FailureClassesTest {

  @Test
  void classify_lengths_eachOutcome() {
    assertEquals(AppendCheck.NOT_WRITTEN, AppendCheck.classify(100, 100, 50));
    assertEquals(AppendCheck.WRITTEN, AppendCheck.classify(150, 100, 50));
    assertEquals(AppendCheck.PARTIAL, AppendCheck.classify(101, 100, 50));
    assertEquals(AppendCheck.PARTIAL, AppendCheck.classify(149, 100, 50));
    assertEquals(AppendCheck.INCONSISTENT, AppendCheck.classify(151, 100, 50));
    assertEquals(AppendCheck.INCONSISTENT, AppendCheck.classify(99, 100, 50));
    assertEquals(
        AppendCheck.NOT_WRITTEN, AppendCheck.classify(-1, 0, 50), "a create that never happened");
    assertEquals(
        AppendCheck.INCONSISTENT,
        AppendCheck.classify(-1, 100, 50),
        "an appended file that vanished");
  }

  @Test
  void delayMillis_doublesUpToTheMaximum_fatalWaitsTheMaximum() {
    RetryBackoff backoff = new RetryBackoff(1000, 60_000);
    assertEquals(1000, backoff.delayMillis(1, WriteFailure.RETRIABLE));
    assertEquals(2000, backoff.delayMillis(2, WriteFailure.RETRIABLE));
    assertEquals(32_000, backoff.delayMillis(6, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(7, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(Integer.MAX_VALUE, WriteFailure.RETRIABLE));
    assertEquals(60_000, backoff.delayMillis(1, WriteFailure.FATAL));
  }

  @Test
  void retrySchedule_failuresWaitTheBackoff_successStartsOver() {
    RetrySchedule retry = new RetrySchedule(new RetryBackoff(1000, 8000));
    assertTrue(retry.due(0), "nothing failed yet");
    assertEquals(1000, retry.failed(100, WriteFailure.RETRIABLE));
    assertFalse(retry.due(1099));
    assertTrue(retry.due(1100));
    assertEquals(2000, retry.failed(1100, WriteFailure.RETRIABLE));
    assertEquals(3100, retry.nextAttemptMillis());
    assertEquals(2, retry.failures());
    assertEquals(8000, retry.failed(3100, WriteFailure.FATAL), "fatal waits the longest");
    assertEquals(8000, retry.failedForGood(11_100));
    assertEquals(4, retry.failures());
    retry.succeeded();
    assertEquals(0, retry.failures());
    assertEquals(
        1000,
        retry.failed(20_000, WriteFailure.RETRIABLE),
        "after a success the backoff starts over");
  }
}
