package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.accesslog.flume.source.kafka.ConfigKey;
import io.accesslog.flume.source.kafka.DurationKeys;
import io.accesslog.flume.source.kafka.KafkaConsumerConfig;
import java.util.stream.Stream;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration key of the source reads the one grammar (accesslog-core's DurationGrammar); a bare
 * number stays milliseconds, as the stock names say. The channel's: {@code
 * direct.DurationKeysTest}.
 */
class DurationKeysTest {
  static Stream<Arguments> durationKeys() {
    return Stream.of(
        Arguments.of(SourceSettings.BATCH_DURATION_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.RETRY_INITIAL_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.RETRY_MAX_MILLIS, 1L, 600_000L),
        Arguments.of(SourceSettings.IDLE_BACKOFF_INCREMENT, 1L, 600_000L),
        Arguments.of(SourceSettings.IDLE_BACKOFF_MAX, 1L, 600_000L));
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_acceptsTheOneGrammar(ConfigKey<Long> key, long min, long max) {
    DurationKeys.assertOneGrammar(key, min, max);
  }

  @Test
  void lagRefresh_zeroOrOneSecondToOneDay() {
    ConfigKey<Long> key = KafkaConsumerConfig.LAG_REFRESH_MILLIS;
    assertEquals(0L, (long) key.parse("0"));
    assertEquals(30_000L, (long) key.parse("30s"));
    assertEquals(86_400_000L, (long) key.parse("1d"));
    assertThrows(ConfigurationException.class, () -> key.parse("500ms"));
  }
}
