package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.ConfigKey;
import io.accesslog.flume.core.DurationGrammar;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration key of the interceptor reads the one grammar (accesslog-core's DurationGrammar).
 */
class DurationKeysTest {
  static Stream<Arguments> durationKeys() {
    return Stream.of(
        Arguments.of(ConfigKeys.TIME_MAX_AGE, 60_000L, Long.MAX_VALUE),
        Arguments.of(ConfigKeys.TIME_MAX_SKEW, 0L, Long.MAX_VALUE));
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_acceptsTheOneGrammar(ConfigKey<Long> key, long min, long max) {
    assertTrue(DurationGrammar.check(key, min, max) >= 6, key.name());
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_throughTheSettings_sameValue(ConfigKey<Long> key, long min, long max) {
    InterceptorSettings s = TestSupport.settings(key.name(), "90 s");
    assertEquals(90_000L, key == ConfigKeys.TIME_MAX_AGE ? s.maxAgeMillis : s.maxSkewMillis);
  }
}
