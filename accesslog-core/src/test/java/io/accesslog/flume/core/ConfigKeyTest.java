package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
  @Test
  void integer_range_andSeparators() {
    ConfigKey<Long> k = ConfigKey.integer("backlog", "100", 1, 100_000, "1 to 100000", "doc");
    assertEquals(100_000L, (long) k.parse(" 100_000 "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.parse("0"));
    assertEquals("out of range 1 to 100000", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> k.parse("ten"));
  }

  @Test
  void size_parsesUnits_refusesOutOfRange() {
    ConfigKey<Long> k = ConfigKey.size("line.maxBytes", "64KB", 64, 64 << 20, "doc");
    assertEquals(65536L, (long) k.parse("64KB"));
    assertEquals(65536L, (long) k.parse("65536"));
    assertThrows(IllegalArgumentException.class, () -> k.parse("65MB"));
    assertEquals("64 to 64MB (" + Sizes.SYNTAX + ")", k.allowed());
  }

  @Test
  void duration_allowedText_statesTheGrammar() {
    ConfigKey<Long> k = ConfigKey.duration("window", "15m", 60_000, 7 * 86_400_000L, null, "doc");
    assertEquals("1m to 7d (" + Durations.SYNTAX + ")", k.allowed());
    assertThrows(IllegalArgumentException.class, () -> k.parse("59s"));
  }

  @Test
  void choice_caseInsensitive_declaredSpelling() {
    ConfigKey<String> k = ConfigKey.choice("onError", "route", "doc", "route", "drop");
    assertEquals("drop", k.parse("DROP"));
    assertThrows(IllegalArgumentException.class, () -> k.parse("keep"));
  }

  @Test
  void keyTable_markdown_fromDeclarations() {
    String table =
        KeyTable.withHeaders("key", "default", "allowed", "what")
            .namePrefix("--")
            .keys(
                Arrays.asList(
                    ConfigKey.string("a", null, "x|y", "first"),
                    ConfigKey.string("b", "", "any", "second"),
                    ConfigKey.string("c", "v", "any", "third")))
            .row("`d.*`", "(none)", "any", "family")
            .markdown();
    assertEquals(
        "| key | default | allowed | what |\n|---|---|---|---|\n"
            + "| `--a` | (none) | x\\|y | first |\n"
            + "| `--b` | (empty) | any | second |\n"
            + "| `--c` | `v` | any | third |\n"
            + "| `d.*` | (none) | any | family |\n",
        table);
  }

  @org.junit.jupiter.api.Test
  void kind_andRange_followTheDeclaration() {
    ConfigKey<Long> d =
        ConfigKey.duration("d", "1s", 1_000, 60_000, null, "doc")
            .bareNumberIn(java.util.concurrent.TimeUnit.SECONDS);
    org.junit.jupiter.api.Assertions.assertEquals(ConfigKey.Kind.DURATION, d.kind());
    org.junit.jupiter.api.Assertions.assertEquals(1_000L, d.min());
    org.junit.jupiter.api.Assertions.assertEquals(60_000L, d.max());
    org.junit.jupiter.api.Assertions.assertEquals(
        ConfigKey.Kind.SIZE, ConfigKey.size("s", "1KB", 1, 2048, "doc").kind());
    org.junit.jupiter.api.Assertions.assertEquals(
        ConfigKey.Kind.INTEGER, ConfigKey.integer("i", "1", 0, 9, "0..9", "doc").kind());
    org.junit.jupiter.api.Assertions.assertEquals(
        ConfigKey.Kind.CHOICE, ConfigKey.choice("c", "a", "doc", "a", "b").kind());
    org.junit.jupiter.api.Assertions.assertEquals(
        ConfigKey.Kind.TEXT, ConfigKey.string("t", "", "any", "doc").kind());
    org.junit.jupiter.api.Assertions.assertEquals(
        ConfigKey.Kind.OTHER, ConfigKey.of("o", null, "any", "doc", raw -> raw).kind());
  }
}
