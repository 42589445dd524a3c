package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

/**
 * The collector's duration options reach its settings typed. That every duration key of every
 * component reads the one grammar is integration-tests/grammar's DurationKeysEverywhereTest.
 */
class DurationOptionsTest {
  @org.junit.jupiter.api.Test
  void fromArgs_durations_typed() {
    CollectorSettings s = CollectorSettings.fromArgs("--window", "2h", "--refresh", "1500ms");
    assertEquals(Duration.ofHours(2), s.window());
    assertEquals(Duration.ofMillis(1500), s.refresh());
  }
}
