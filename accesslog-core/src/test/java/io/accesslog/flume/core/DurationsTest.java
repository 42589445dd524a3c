package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parseMillis_grammar_everyUnit() {
    for (java.util.Map.Entry<String, Long> e : DurationGrammar.ACCEPTED.entrySet()) {
      assertEquals((long) e.getValue(), Durations.parseMillis(e.getKey()), e.getKey());
    }
    for (String bad : DurationGrammar.REFUSED) {
      assertThrows(IllegalArgumentException.class, () -> Durations.parseMillis(bad), bad);
    }
  }

  @Test
  void parseMillis_bareNumber_inTheGivenUnit() {
    assertEquals(1500, Durations.parseMillis("1500"));
    assertEquals(10_000, Durations.parseMillis("10", TimeUnit.SECONDS));
    assertEquals(10, Durations.parseMillis("10ms", TimeUnit.SECONDS));
  }

  @Test
  void parseMillis_overflow_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Durations.parseMillis("999999999999999999d"));
    assertEquals("too large", e.getMessage());
  }

  @Test
  void isBareNumber_zeroIsNot() {
    assertTrue(Durations.isBareNumber(" 10 "));
    assertFalse(Durations.isBareNumber("0"));
    assertFalse(Durations.isBareNumber("10s"));
    assertFalse(Durations.isBareNumber(""));
  }

  @Test
  void format_shortestExactForm_parsesBack() {
    assertEquals("2m", Durations.format(120_000));
    assertEquals("90s", Durations.format(90_000));
    assertEquals("1500ms", Durations.format(1500));
    assertEquals("7d", Durations.format(7 * 86_400_000L));
    assertEquals("0s", Durations.format(0));
    for (long v : new long[] {0, 1, 999, 1000, 61_000, 3_600_000, 86_400_001L}) {
      assertEquals(v, Durations.parseMillis(Durations.format(v)));
    }
  }

  @Test
  void legacyBareUnit_readsAsBefore_andWarns() {
    ConfigKey<Long> key =
        ConfigKey.duration("interval", "10s", 1000, 3_600_000, "1s to 1h", "doc")
            .bareNumberIn(TimeUnit.SECONDS);
    List<String> warnings = new ArrayList<>();
    assertEquals(10_000L, (long) key.parse("10", warnings::add));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("interval = 10 is read as 10s"), warnings.get(0));
    assertEquals(1500L, (long) key.parse("1500ms", warnings::add));
    assertEquals(1, warnings.size(), "a value with a unit does not warn");
    assertTrue(key.allowed().contains("a bare number is seconds here, deprecated"), key.allowed());
    assertEquals(1, DurationGrammar.check(key, 1000, 3_600_000) > 0 ? 1 : 0);
  }

  @Test
  void durationKey_grammarCheck_passes() {
    ConfigKey<Long> key = ConfigKey.duration("k", "1s", 0, Long.MAX_VALUE, null, "doc");
    assertEquals(DurationGrammar.ACCEPTED.size(), DurationGrammar.check(key, 0, Long.MAX_VALUE));
  }
}
