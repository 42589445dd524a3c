package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.PathRuleVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      assertEquals(
          v.expected, PathSanitizer.sanitize(v.expected), "output is a fixed point: " + v.expected);
    }
  }

  /** Every row of the README's 'Path safety' table is what the code does. */
  @Test
  void readme_pathSafetyTable_matchesTheRule() throws IOException {
    String text = Files.readString(Path.of("README.md"));
    String section =
        text.substring(text.indexOf("## Path safety"), text.indexOf("## Configuration"));
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
  @ValueSource(
      strings = {
        "../../etc",
        ".dotfile",
        "/abs/path",
        "~root",
        "$(reboot)",
        ";rm -rf /",
        "%2e%2e",
        "_hidden",
        "..",
        ".",
        "-",
        "__",
        "\u00e9",
        "\u0000",
        "_error"
      })
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
}
