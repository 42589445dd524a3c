package io.accesslog.flume.sink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void parseBytes_unitsArePowersOf1024() {
    assertEquals(5L << 20, Units.parseBytes("5MB", "x"));
    assertEquals(5L << 20, Units.parseBytes("5 mib", "x"));
    assertEquals(64L << 10, Units.parseBytes("64k", "x"));
    assertEquals(1_048_576L, Units.parseBytes("1_048_576", "x"));
  }

  @Test
  void parseMillis_units() {
    assertEquals(120_000L, Units.parseMillis("2m", "x"));
    assertEquals(500L, Units.parseMillis("500ms", "x"));
    assertEquals(3_600_000L, Units.parseMillis("1h", "x"));
    assertEquals(42L, Units.parseMillis("42", "x"));
  }

  @Test
  void parse_unknownUnitOrNoDigitsOrOverflow_throwsWithTheAllowedText() {
    assertEquals(
        "allowed text",
        assertThrows(IllegalArgumentException.class, () -> Units.parseBytes("5XB", "allowed text"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Units.parseMillis("ms", "a"));
    assertThrows(IllegalArgumentException.class, () -> Units.parseBytes("99999999999999TB", "a"));
    assertThrows(IllegalArgumentException.class, () -> Units.parseMillis("-5s", "a"));
  }

  @Test
  void format_roundTrips() {
    assertEquals("5MB", Units.formatBytes(5L << 20));
    assertEquals("2m", Units.formatMillis(120_000));
    assertEquals(5L << 20, Units.parseBytes(Units.formatBytes(5L << 20), "x"));
  }
}
