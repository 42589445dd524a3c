package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamerTest {
  private static final String ID = "agent7-sink1";
  private final FileNamer namer = new FileNamer(ID);

  private static Target target() {
    TargetRouter router =
        new TargetRouter(RouteSettings.builder().root("/logs/access").writerId(ID).build());
    Map<String, String> h = new HashMap<>();
    h.put("type", "access");
    h.put("app", "shop");
    h.put("host", "web01");
    h.put("timestamp", "1795352400000"); // 2026-11-22T13:00:00Z
    return router.route(h, 0);
  }

  @Test
  void finalName_target_exampleLayout() {
    Target t = target();
    assertEquals("/logs/access/access/shop/20261122/13", t.directory());
    assertEquals("web01.2026112213.w-agent7-sink1.0003.gz", namer.finalName(t, 3));
  }

  @Test
  void inProgressName_target_underscorePlusFinalName() {
    assertEquals("_web01.2026112213.w-agent7-sink1.0003.gz", namer.inProgressName(target(), 3));
  }

  @Test
  void finalName_bigSequence_moreThanFourDigits() {
    assertEquals("b.w-agent7-sink1.12345.gz", namer.finalName("b", 12345));
    assertEquals("b.w-agent7-sink1.0000.gz", namer.finalName("b", 0));
  }

  @Test
  void finalName_negativeSequence_throws() {
    assertThrows(IllegalArgumentException.class, () -> namer.finalName("b", -1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b", ".x", "a.w-b"})
  void constructor_invalidWriterId_throws(String id) {
    assertThrows(IllegalArgumentException.class, () -> new FileNamer(id));
  }

  @Test
  void parse_finalAndInProgress_roundTrip() {
    Random r = new Random(42);
    int[] seqs = {0, 1, 9999, 10000, 123456, Integer.MAX_VALUE};
    String[] bases = {"web01.2026112213", "a", "x.w-other.2026", "a.gz", "0000", "w-agent7-sink1"};
    for (String base : bases) {
      for (int seq : seqs) {
        assertEquals(
            new FileNamer.ParsedName(base, seq, false), namer.parse(namer.finalName(base, seq)));
        assertEquals(
            new FileNamer.ParsedName(base, seq, true),
            namer.parse("_" + namer.finalName(base, seq)));
      }
    }
    for (int i = 0; i < 2000; i++) {
      String base = PathSanitizer.sanitize("h" + r.nextInt(1000) + ".x" + r.nextLong());
      int seq = r.nextInt(Integer.MAX_VALUE);
      assertEquals(
          new FileNamer.ParsedName(base, seq, false), namer.parse(namer.finalName(base, seq)));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "web.gz",
        "web.w-agent7-sink1.003.gz",
        "web.w-agent7-sink1.00003.gz",
        "web.w-agent7-sink1.0003.gz.tmp",
        "web.w-agent7-sink1.0003",
        "web.w-agent7-sink1.9999999999.gz",
        "web.w-agent7-sink1.00a3.gz",
        ".w-agent7-sink1.0003.gz",
        "_.w-agent7-sink1.0003.gz",
        "web.w-agent7-sink2.0003.gz",
        "web.w-xagent7-sink1.0003.gz",
        "web.w-x.agent7-sink1.0003.gz",
        "web.w-agent7-sink1.x.0003.gz",
        "",
      })
  void parse_notOurs_null(String name) {
    assertNull(namer.parse(name));
  }

  @Test
  void parse_null_null() {
    assertNull(namer.parse(null));
  }

  /**
   * Writer ids and bases drawn from a tiny alphabet full of '.', 'w' and '-' so that suffix
   * overlaps are common: another writer's names must never parse as ours.
   */
  @Test
  void parse_otherWritersNames_neverMatch() {
    Random r = new Random(7);
    String alphabet = "aw.-1";
    int checked = 0;
    for (int i = 0; i < 20_000; i++) {
      String ours = randomString(r, alphabet, 1 + r.nextInt(6));
      String theirs = randomString(r, alphabet, 1 + r.nextInt(6));
      if (ours.equals(theirs)
          || !FileNamer.isValidWriterId(ours)
          || !FileNamer.isValidWriterId(theirs)) {
        continue;
      }
      String base = randomString(r, alphabet, 1 + r.nextInt(10));
      int seq = r.nextInt(20_000);
      FileNamer us = new FileNamer(ours);
      FileNamer them = new FileNamer(theirs);
      String name = them.finalName(base, seq);
      assertNull(us.parse(name), () -> ours + " parsed " + name);
      assertNull(us.parse("_" + name), () -> ours + " parsed _" + name);
      assertEquals(new FileNamer.ParsedName(base, seq, false), them.parse(name));
      checked++;
    }
    assertTrue(checked > 5_000, "too few valid pairs: " + checked);
  }

  private static String randomString(Random r, String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
