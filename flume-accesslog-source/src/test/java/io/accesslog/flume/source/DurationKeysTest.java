package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.DurationGrammar;
import java.util.stream.Stream;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration key of the source and the direct channel reads the one grammar (accesslog-core's
 * DurationGrammar); a bare number stays milliseconds, as the stock names say.
 */
class DurationKeysTest {
  static Stream<Arguments> durationKeys() {
    return Stream.of(
        Arguments.of(SourceSettings.BATCH_DURATION_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.RETRY_INITIAL_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.RETRY_MAX_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.IDLE_BACKOFF_INCREMENT, 1L, 600_000L),
        Arguments.of(SourceSettings.IDLE_BACKOFF_MAX, 1L, 600_000L),
        Arguments.of(DirectChannelSettings.TAKE_WAIT_MILLIS, 0L, 10_000L),
        Arguments.of(DirectChannelSettings.REVOKE_WAIT_MILLIS, 0L, 600_000L));
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_acceptsTheOneGrammar(ConfigKey<Long> key, long min, long max) {
    io.accesslog.flume.core.ConfigKey<Long> core =
        io.accesslog.flume.core.ConfigKey.of(
            key.name(),
            key.defaultValue(),
            key.allowed(),
            key.doc(),
            raw -> {
              try {
                return key.parse(raw);
              } catch (ConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
              }
            });
    assertTrue(DurationGrammar.check(core, min, max) >= 4, key.name());
    assertEquals(1_500L, (long) key.parse("1500"), key.name() + ": a bare number is ms");
  }

  @org.junit.jupiter.api.Test
  void lagRefresh_zeroOrOneSecondToOneDay() {
    assertEquals(0L, (long) SourceSettings.LAG_REFRESH_MILLIS.parse("0"));
    assertEquals(30_000L, (long) SourceSettings.LAG_REFRESH_MILLIS.parse("30s"));
    assertEquals(86_400_000L, (long) SourceSettings.LAG_REFRESH_MILLIS.parse("1d"));
    assertThrows(
        ConfigurationException.class, () -> SourceSettings.LAG_REFRESH_MILLIS.parse("500ms"));
  }
}
