package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.DurationGrammar;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration option of the collector reads the one grammar (accesslog-core's DurationGrammar).
 */
class DurationOptionsTest {
  private static final long S = 1_000;

  static Stream<Arguments> durationOptions() {
    return Stream.of(
        Arguments.of(CollectorSettings.WINDOW, 60 * S, 7 * 86_400 * S),
        Arguments.of(CollectorSettings.SNAPSHOT_EVERY, S, 3_600 * S),
        Arguments.of(CollectorSettings.REFRESH, S, 3_600 * S),
        Arguments.of(CollectorSettings.ALERT_LOOKBACK, S, 3_600 * S),
        Arguments.of(CollectorSettings.ALERT_FAILURES, 0L, 86_400 * S),
        Arguments.of(CollectorSettings.ALERT_RECOVERY, S, 86_400 * S),
        Arguments.of(CollectorSettings.ALERT_LAG_GROWING, S, 86_400 * S),
        Arguments.of(CollectorSettings.ALERT_UNFLUSHED_AGE, S, 86_400 * S));
  }

  @ParameterizedTest
  @MethodSource("durationOptions")
  void durationOption_acceptsTheOneGrammar(ConfigKey<Long> key, long min, long max) {
    assertTrue(DurationGrammar.check(key, min, max) >= 5, key.name());
  }

  @ParameterizedTest
  @MethodSource("durationOptions")
  void durationOption_msAccepted_whereTheCollectorRefusedIt(
      ConfigKey<Long> key, long min, long max) {
    assertEquals(
        min == 0 ? 90_000L : Math.max(min, 90_000L),
        (long) key.parse((min == 0 ? 90_000L : Math.max(min, 90_000L)) + "ms"),
        key.name());
  }

  @org.junit.jupiter.api.Test
  void fromArgs_durations_typed() {
    CollectorSettings s = CollectorSettings.fromArgs("--window", "2h", "--refresh", "1500ms");
    assertEquals(Duration.ofHours(2), s.window());
    assertEquals(Duration.ofMillis(1500), s.refresh());
  }
}
