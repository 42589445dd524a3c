package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.PathRuleVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathSanitizerTest {
  /** What a component may look like: visible to Hadoop, inside the alphabet, bounded. */
  private static final Pattern VISIBLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,63}");

  /** The vectors the interceptor's test checks too: one file, in accesslog-core's test jar. */
  @Test
  void sanitize_sharedVectors_exactOutput() {
    List<PathRuleVectors.Vector> vectors = PathRuleVectors.load();
    assertTrue(vectors.size() >= 40, "vectors: " + vectors.size());
    for (PathRuleVectors.Vector v : vectors) {
      assertEquals(v.expected, PathSanitizer.sanitize(v.input), "input " + v.written);
      assertEquals(v.expected, PathSanitizer.sanitize(v.expected), "output is a fixed point: " + v.expected);
    }
  }

  /** Every row of the README's 'Path safety' table is what the code does. */
  @Test
  void readme_pathSafetyTable_matchesTheRule() throws IOException {
    String text = Files.readString(Path.of("README.md"));
    String section = text.substring(text.indexOf("## Path safety"), text.indexOf("## Configuration"));
    int rows = 0;
    for (String line : section.split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length >= 3 && cells[1].trim().startsWith("`") && cells[2].trim().startsWith("`")) {
        String in = cells[1].trim().substring(1, cells[1].trim().indexOf('`', 1));
        String out = cells[2].trim().substring(1, cells[2].trim().indexOf('`', 1));
        assertEquals(out, PathSanitizer.sanitize(in), "README row " + line);
        rows++;
      }
    }
    assertTrue(rows >= 14, "rows checked: " + rows);
  }

  @Test
  void sanitize_cleanShortValue_returnsSameInstance() {
    String v = "web01.example-com_1";
    assertSame(v, PathSanitizer.sanitize(v));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "../../etc", ".dotfile", "/abs/path", "~root", "$(reboot)", ";rm -rf /", "%2e%2e", "_hidden",
      "..", ".", "-", "__", "\u00e9", "\u0000", "_error"})
  void sanitize_hostileValue_visibleAndMarkedRewritten(String raw) {
    String s = PathSanitizer.sanitize(raw);
    assertTrue(VISIBLE.matcher(s).matches(), s);
    assertTrue(PathSanitizer.isRewrittenForm(s), s);
    assertTrue(s.matches(".*~[0-9a-f]{8}"), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void sanitize_empty_returnsNullForMissing(String raw) {
    assertNull(PathSanitizer.sanitize(raw));
    assertNull(PathSanitizer.sanitize(null));
  }

  @Test
  void sanitize_exactly64Chars_keptAsIs() {
    String v = "a".repeat(64);
    assertEquals(v, PathSanitizer.sanitize(v));
  }

  @Test
  void sanitize_longValue_prefixMarkAndHash() {
    String s = PathSanitizer.sanitize("b".repeat(65));
    assertEquals(64, s.length());
    assertEquals("b".repeat(55), s.substring(0, 55));
    assertEquals('~', s.charAt(55));
    assertTrue(s.substring(56).matches("[0-9a-f]{8}"), s);
  }

  @Test
  void sanitize_longValuesSharingPrefix_stayDistinct() {
    String prefix = "p".repeat(100);
    assertNotEquals(PathSanitizer.sanitize(prefix + "1"), PathSanitizer.sanitize(prefix + "2"));
  }

  @Test
  void sanitize_tenKilobytes_boundedLength() {
    String s = PathSanitizer.sanitize("x/".repeat(5000));
    assertEquals(64, s.length());
    assertTrue(VISIBLE.matcher(s).matches(), s);
  }

  @Test
  void sanitize_rewrittenValue_isFixedPoint() {
    String once = PathSanitizer.sanitize("../../etc");
    assertSame(once, PathSanitizer.sanitize(once));
  }

  @Test
  void sanitize_markWithoutValidHash_rewritten() {
    assertNotEquals("a~1234567", PathSanitizer.sanitize("a~1234567"));
    assertNotEquals("a~1234567G", PathSanitizer.sanitize("a~1234567G"));
    assertNotEquals("~12345678", PathSanitizer.sanitize("~12345678"));
  }

  @Test
  void isClean_onlyCanonicalValues() {
    assertFalse(PathSanitizer.isClean("a b"));
    assertFalse(PathSanitizer.isClean(".a"));
    assertFalse(PathSanitizer.isClean("_a"));
    assertFalse(PathSanitizer.isClean(null));
    assertTrue(PathSanitizer.isClean("a.b-c_d"));
    assertTrue(PathSanitizer.isClean("A.b"));
  }

  @Test
  void hash_utf8Bytes_matchesByteLevelFnv() {
    for (String s : new String[] {"abc", "caf\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "\uD800x"}) {
      byte[] bytes = s.equals("\uD800x")
          ? new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x'}
          : s.getBytes(StandardCharsets.UTF_8);
      // the hash is of the raw value's UTF-8 bytes: seen in the mark of a value that is rewritten
      String rewritten = PathSanitizer.sanitize(s + "/");
      assertEquals(String.format("%08x", hashOf(bytes, '/')), rewritten.substring(rewritten.length() - 8), s);
    }
  }

  private static int hashOf(byte[] bytes, int last) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xFF)) * 0x01000193;
    }
    h = (h ^ last) * 0x01000193;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * Fuzz: random values over a hostile alphabet. Every result is visible (never starts with
   * {@code _} or {@code .}), a fixed point, at most 64 chars; an input and the same input with
   * one unsafe char changed keep distinct results (a 32-bit hash: all pairs of 50,000 values would
   * collide now and then, one chosen pair per value practically never).
   */
  @Test
  void sanitize_fuzz_visibleFixedPointAndDistinct() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    String alphabet = "aZ9._-/\\%~ $;()\u0000\n\u00e9\u65e5\uD83D\uDE00";
    String unsafe = "/\\%~ $;()\u0000\n\u00e9\u65e5";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 120 : 12);
      for (int j = 0; j < n; j++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String raw = b.toString();
      String s = PathSanitizer.sanitize(raw);
      String where = "seed=" + seed + " raw=" + escape(raw) + " -> " + s;
      assertTrue(VISIBLE.matcher(s).matches(), where);
      assertSame(s, PathSanitizer.sanitize(s), where);
      // the same value with one unsafe char changed must land elsewhere
      for (int j = 0; j < raw.length(); j++) {
        if (unsafe.indexOf(raw.charAt(j)) >= 0) {
          char other = unsafe.charAt(r.nextInt(unsafe.length()));
          if (other != raw.charAt(j)) {
            String variant = raw.substring(0, j) + other + raw.substring(j + 1);
            assertNotEquals(s, PathSanitizer.sanitize(variant), where + " vs " + escape(variant));
          }
          break;
        }
      }
    }
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }
}
