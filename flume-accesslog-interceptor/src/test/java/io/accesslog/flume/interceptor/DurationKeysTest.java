package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.accesslog.flume.core.ConfigKey;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interceptor's duration keys reach its settings. That every duration key of every component
 * reads the one grammar is integration-tests/grammar's DurationKeysEverywhereTest.
 */
class DurationKeysTest {
  static Stream<Arguments> durationKeys() {
    return Stream.of(
        Arguments.of(ConfigKeys.TIME_MAX_AGE, 60_000L, Long.MAX_VALUE),
        Arguments.of(ConfigKeys.TIME_MAX_SKEW, 0L, Long.MAX_VALUE));
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_throughTheSettings_sameValue(ConfigKey<Long> key, long min, long max) {
    InterceptorSettings s = TestSupport.settings(key.name(), "90 s");
    assertEquals(90_000L, key == ConfigKeys.TIME_MAX_AGE ? s.maxAgeMillis : s.maxSkewMillis);
  }
}
