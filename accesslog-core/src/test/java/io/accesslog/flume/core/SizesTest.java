package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void parseBytes_everyUnit_powersOf1024() {
    assertEquals(65536, Sizes.parseBytes("65536"));
    assertEquals(10, Sizes.parseBytes("10B"));
    assertEquals(64 << 10, Sizes.parseBytes("64KB"));
    assertEquals(64 << 10, Sizes.parseBytes("64k"));
    assertEquals(5 << 20, Sizes.parseBytes("5MB"));
    assertEquals(5 << 20, Sizes.parseBytes("5 mib"));
    assertEquals(1L << 30, Sizes.parseBytes("1GB"));
    assertEquals(2L << 40, Sizes.parseBytes("2TB"));
    assertEquals(1_048_576, Sizes.parseBytes("1_048_576"));
  }

  @Test
  void parseBytes_notASize_refused() {
    for (String bad : new String[] {"", "MB", "-1", "1.5MB", "1PB", "1 bytes", "8000000000TB"}) {
      assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes(bad), bad);
    }
  }

  @Test
  void format_shortestExactForm() {
    assertEquals("64KB", Sizes.format(64 << 10));
    assertEquals("10GB", Sizes.format(10L << 30));
    assertEquals("1000", Sizes.format(1000));
    assertEquals("0", Sizes.format(0));
  }
}
