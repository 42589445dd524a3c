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
  public static final String[] REFUSED = {
    "", "s", "-1s", "1.5s", "1w", "1 y", "ten", "1sec", "1ms5"
  };

  static {
    Object[][] rows = {
      {"0", 0L},
      {"0s", 0L},
      {"750ms", 750L},
      {"1500MS", 1500L},
      {"30s", 30_000L},
      {"90 s", 90_000L},
      {"2m", 120_000L},
      {"2min", 120_000L},
      {"1_000ms", 1_000L},
      {"1h", 3_600_000L},
      {"1H", 3_600_000L},
      {"1d", 86_400_000L},
      {"7d", 7 * 86_400_000L}
    };
    for (Object[] row : rows) {
      ACCEPTED.put((String) row[0], (Long) row[1]);
    }
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
      if ((expected >= minMillis && expected <= maxMillis) || (expected == 0 && key.zeroIsOff())) {
        assertEquals(expected, (long) key.parse(e.getKey()), key.name() + " = " + e.getKey());
        inRange++;
      } else {
        assertThrows(
            IllegalArgumentException.class,
            () -> key.parse(e.getKey()),
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
