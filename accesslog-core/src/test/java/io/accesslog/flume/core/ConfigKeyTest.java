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
}
