package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRuleTest {
  private static final Pattern VISIBLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,63}");
  private static final PathRule FOLDING = new PathRule(PathRule.MAX_LENGTH, true);

  @Test
  void sanitize_sharedVectors_exactOutputAndFixedPoint() {
    List<PathRuleVectors.Vector> vectors = PathRuleVectors.load();
    assertTrue(vectors.size() >= 40, "vectors: " + vectors.size());
    for (PathRuleVectors.Vector v : vectors) {
      assertEquals(v.expected, PathRule.KEEP_CASE.sanitize(v.input), "input " + v.written);
      assertEquals(
          v.expected, PathRule.KEEP_CASE.sanitize(v.expected), "fixed point " + v.expected);
      byte[] utf8 = PathRule.utf8(v.input);
      assertEquals(
          v.expected, PathRule.KEEP_CASE.sanitize(utf8, 0, utf8.length), "bytes of " + v.written);
    }
  }

  /**
   * Folding is lower-casing before the rule: the folded input gives the vector for the folded
   * input.
   */
  @Test
  void sanitize_folding_isTheRuleOnTheLowerCasedValue() {
    for (PathRuleVectors.Vector v : PathRuleVectors.load()) {
      String folded = lowerAscii(v.input);
      assertEquals(PathRule.KEEP_CASE.sanitize(folded), FOLDING.sanitize(v.input), v.written);
      byte[] utf8 = v.input.getBytes(StandardCharsets.UTF_8);
      if (!v.input.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
        assertEquals(FOLDING.sanitize(v.input), FOLDING.sanitize(utf8, 0, utf8.length), v.written);
      }
    }
  }

  @Test
  void sanitize_keepCase_cleanValueIsSameInstance() {
    String v = "Web01.example-com_1";
    assertSame(v, PathRule.KEEP_CASE.sanitize(v));
    assertEquals("web01.example-com_1", FOLDING.sanitize(v));
  }

  @Test
  void sanitize_empty_isNull() {
    assertNull(PathRule.KEEP_CASE.sanitize(""));
    assertNull(PathRule.KEEP_CASE.sanitize((String) null));
    assertNull(FOLDING.sanitize(new byte[3], 1, 1));
  }

  @Test
  void sanitize_randomInput_alwaysVisibleAndBounded() {
    Random r = new Random(21);
    for (int limit : new int[] {PathRule.MIN_LENGTH, 20, PathRule.MAX_LENGTH}) {
      PathRule rule = new PathRule(limit, false);
      for (int i = 0; i < 5_000; i++) {
        byte[] bytes = new byte[1 + r.nextInt(80)];
        r.nextBytes(bytes);
        String s = rule.sanitize(bytes, 0, bytes.length);
        assertTrue(VISIBLE.matcher(s).matches() && s.length() <= limit, s);
        assertEquals(s, rule.sanitize(s), "fixed point");
      }
    }
  }

  /**
   * Fuzz over strings and raw bytes, both rules: every result is visible (never starts with _ or
   * .), a fixed point, at most 64 chars, the same through the byte and string paths, and changing
   * one unsafe char changes the result (a 32-bit hash: all pairs of 50,000 values would collide now
   * and then, one chosen pair per value practically never).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sanitize_fuzz_visibleFixedPointAndDistinct(boolean foldCase) {
    PathRule rule = new PathRule(PathRule.MAX_LENGTH, foldCase);
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
      String s = rule.sanitize(raw);
      String where = "seed=" + seed + " raw=" + escape(raw) + " -> " + s;
      assertTrue(VISIBLE.matcher(s).matches() && (!foldCase || s.equals(lowerAscii(s))), where);
      assertSame(s, rule.sanitize(s), where);
      byte[] bytes = PathRule.utf8(raw);
      assertEquals(s, rule.sanitize(bytes, 0, bytes.length), where);
      for (int j = 0; j < raw.length(); j++) {
        if (unsafe.indexOf(raw.charAt(j)) >= 0) {
          char other = unsafe.charAt(r.nextInt(unsafe.length()));
          if (other != raw.charAt(j)) {
            String variant = raw.substring(0, j) + other + raw.substring(j + 1);
            assertNotEquals(s, rule.sanitize(variant), where + " vs " + escape(variant));
          }
          break;
        }
      }
    }
  }

  @Test
  void configuredValues_safeAndErrorType() {
    assertTrue(FOLDING.isSafe("unknown"));
    assertFalse(FOLDING.isSafe("Unknown"));
    assertFalse(FOLDING.isSafe("x_hidden~c74e4e77"));
    assertTrue(FOLDING.isSafeErrorType("_error"));
    assertFalse(FOLDING.isSafeErrorType("__error"));
    assertTrue(
        PathRule.isSafeChar('-') && !PathRule.isSafeChar('~') && !PathRule.isSafeChar('\u00e9'));
    assertTrue(PathRule.isLetterOrDigit('Z') && !PathRule.isLetterOrDigit('_'));
  }

  @Test
  void rewrote_onlyForRewrittenValues() {
    String raw = "../x";
    String s = PathRule.KEEP_CASE.sanitize(raw);
    assertTrue(PathRule.KEEP_CASE.rewrote(s, raw));
    assertFalse(PathRule.KEEP_CASE.rewrote("x_hidden~c74e4e77", "x_hidden~c74e4e77"));
    byte[] b = raw.getBytes(StandardCharsets.UTF_8);
    assertTrue(PathRule.KEEP_CASE.rewrote(s, b, 0, b.length));
  }

  @Test
  void constructor_limitOutsideRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> new PathRule(PathRule.MIN_LENGTH - 1, true));
    assertThrows(IllegalArgumentException.class, () -> new PathRule(PathRule.MAX_LENGTH + 1, true));
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }

  private static String lowerAscii(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? Character.toString(c).toLowerCase(Locale.ROOT) : c);
    }
    return b.toString();
  }
}
