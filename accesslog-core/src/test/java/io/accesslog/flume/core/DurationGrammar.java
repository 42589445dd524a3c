package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every user-visible duration key of every component must accept, and refuse: each module's
 * test runs {@link #check(ConfigKey)} over each of its duration keys.
 */
public final class DurationGrammar {
  /** Text -> milliseconds: one spelling of each unit and form of the grammar. */
  public static final Map<String, Long> ACCEPTED = new LinkedHashMap<>();
  /** Not durations in any key. */
  public static final String[] REFUSED = {"", "s", "-1s", "1.5s", "1w", "1 y", "ten", "1sec", "1ms5"};

  static {
    ACCEPTED.put("0", 0L);
    ACCEPTED.put("0s", 0L);
    ACCEPTED.put("750ms", 750L);
    ACCEPTED.put("1500MS", 1500L);
    ACCEPTED.put("30s", 30_000L);
    ACCEPTED.put("90 s", 90_000L);
    ACCEPTED.put("2m", 120_000L);
    ACCEPTED.put("2min", 120_000L);
    ACCEPTED.put("1_000ms", 1_000L);
    ACCEPTED.put("1h", 3_600_000L);
    ACCEPTED.put("1H", 3_600_000L);
    ACCEPTED.put("1d", 86_400_000L);
    ACCEPTED.put("7d", 7 * 86_400_000L);
  }

  private DurationGrammar() {}

  /**
   * Checks that {@code key} reads every accepted spelling whose value is inside its range as that
   * value, refuses the rest, and refuses every non-duration. A bare number other than 0 is
   * milliseconds, unless the key declares a legacy unit; such keys are checked by their own tests.
   *
   * @return how many accepted spellings were inside the key's range (callers assert some were)
   */
  public static int check(ConfigKey<Long> key, long minMillis, long maxMillis) {
    int inRange = 0;
    for (Map.Entry<String, Long> e : ACCEPTED.entrySet()) {
      long expected = e.getValue();
      if (expected >= minMillis && expected <= maxMillis) {
        assertEquals(expected, (long) key.parse(e.getKey()), key.name() + " = " + e.getKey());
        inRange++;
      } else {
        assertThrows(IllegalArgumentException.class, () -> key.parse(e.getKey()),
            key.name() + " = " + e.getKey() + " is outside " + minMillis + ".." + maxMillis);
      }
    }
    for (String bad : REFUSED) {
      assertThrows(IllegalArgumentException.class, () -> key.parse(bad), key.name() + " = " + bad);
    }
    if (!key.hasLegacyBareUnit() && 1500 >= minMillis && 1500 <= maxMillis) {
      assertEquals(1500L, (long) key.parse("1500"), key.name() + ": a bare number is ms");
    }
    return inRange;
  }
}
