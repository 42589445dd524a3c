package io.accesslog.flume.source.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.DurationGrammar;
import org.apache.flume.conf.ConfigurationException;

/** Checks that a duration key reads the one grammar (accesslog-core's DurationGrammar). */
public final class DurationKeys {

  private DurationKeys() {}

  /** {@code key} reads the one grammar from {@code min} to {@code max}; a bare number is ms. */
  public static void assertOneGrammar(ConfigKey<Long> key, long min, long max) {
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
}
