package io.accesslog.flume.sink.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.DurationGrammar;
import io.accesslog.flume.core.Durations;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration key of the sink (each {@link SinkKeys} key whose allowed text is "a duration from
 * MIN to MAX ...") reads the one grammar, accesslog-core's DurationGrammar.
 */
class DurationKeysTest {
  private static final String PREFIX = "a duration from ";

  static List<ConfigKey<?>> durationKeys() throws IllegalAccessException {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (Field f : SinkKeys.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigKey.class) {
        ConfigKey<?> key = (ConfigKey<?>) f.get(null);
        if (key.allowed().startsWith(PREFIX)) {
          keys.add(key);
        }
      }
    }
    assertTrue(keys.size() >= 8, "duration keys found: " + keys.size());
    return keys;
  }

  @ParameterizedTest
  @MethodSource("durationKeys")
  void durationKey_acceptsTheOneGrammar(ConfigKey<?> key) {
    String[] range = key.allowed().substring(PREFIX.length()).split(" "); // MIN to MAX (...)
    long min = Durations.parseMillis(range[0]);
    long max = Durations.parseMillis(range[2]);
    io.accesslog.flume.core.ConfigKey<Long> core =
        io.accesslog.flume.core.ConfigKey.of(
            key.name(),
            key.defaultValue(),
            key.allowed(),
            key.doc(),
            raw -> {
              if (raw.trim().isEmpty()) {
                // the sink reads a blank value as unset (its default): not a matter of the grammar
                throw new IllegalArgumentException("blank");
              }
              try {
                return (Long) key.read("sink", Collections.singletonMap(key.name(), raw));
              } catch (ConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
              }
            });
    assertTrue(DurationGrammar.check(core, min, max) >= 4, key.name());
  }
}
