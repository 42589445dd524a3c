package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.PathRule;
import io.accesslog.flume.core.PathRuleVectors;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterceptorPathRuleTest {
  private static final Pattern VISIBLE = Pattern.compile("[a-z0-9][a-z0-9._~-]{0,63}");

  /** The interceptor's sanitizer, case folded as configured by default. */
  private final PathRule sanitizer = new PathRule(64, true);

  /** The bare rule, as the sink applies it; checked against the shared vectors. */
  private final PathRule rule = new PathRule(64, false);

  /**
   * The vectors the sink's test checks too (one file, in accesslog-core's test jar): string and
   * byte paths give exactly the expected output, which is a fixed point.
   */
  @Test
  void sanitize_sharedVectors_sameOutputAsSink() {
    List<PathRuleVectors.Vector> vectors = PathRuleVectors.load();
    assertTrue(vectors.size() >= 40, "vectors: " + vectors.size());
    for (PathRuleVectors.Vector v : vectors) {
      String in = v.input;
      assertEquals(v.expected, rule.sanitize(in), "string input " + v.written);
      byte[] b = PathRule.utf8(in);
      assertEquals(v.expected, rule.sanitize(b, 0, b.length), "byte input " + v.written);
      assertEquals(v.expected, rule.sanitize(v.expected), "fixed point " + v.expected);
      // with case folding: the rule applied to the lower-cased value
      String folded = lowerAscii(in);
      assertEquals(rule.sanitize(folded), sanitizer.sanitize(in), "folded " + v.written);
      assertEquals(
          rule.sanitize(folded), sanitizer.sanitize(b, 0, b.length), "folded bytes " + v.written);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "app0042.example.com|app0042.example.com",
        "App0042.Example.COM|app0042.example.com",
        "../../etc|x.._.._etc~2c9072cd",
        ".dotfile|x.dotfile~1a9690c6",
        "_hidden|x_hidden~c74e4e77",
        "/abs/path|x_abs_path~e223351a",
        "~root|x_root~3d2f1b6c",
        "$(reboot)|x_reboot_~58e2da14",
        ";rm -rf /|x_rm_-rf_~7f5b406c",
        "%2e%2e|x_2e_2e~8e2874a8",
        "..|x..~573aea3f",
        "x_hidden~c74e4e77|x_hidden~c74e4e77"
      })
  void sanitize_examples(String in, String out) {
    assertEquals(out, sanitizer.sanitize(in));
  }

  @Test
  void sanitize_emptyOrNull_isNull() {
    assertNull(sanitizer.sanitize(""));
    assertNull(sanitizer.sanitize((String) null));
    assertNull(sanitizer.sanitize(new byte[3], 1, 1));
  }

  @Test
  void sanitize_cleanHeader_sameInstance() {
    String v = "web01.example.com";
    assertSame(v, sanitizer.sanitize(v));
  }

  @Test
  void sanitize_upperCaseOnly_foldedWithoutMark() {
    assertEquals("web01", sanitizer.sanitize("WEB01"));
    byte[] b = TestSupport.bytes("WEB01");
    assertEquals("web01", sanitizer.sanitize(b, 0, b.length));
    assertFalse(sanitizer.rewrote("web01", "WEB01"));
  }

  @Test
  void sanitize_shorterLimit_cutWithMark() {
    PathRule short20 = new PathRule(20, true);
    String s = short20.sanitize("averyveryveryverylongname");
    assertEquals(20, s.length());
    assertTrue(s.startsWith("averyveryve~"), s);
  }

  @Test
  void constructor_limitOutsideRule_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new PathRule(9, true));
    assertThrows(IllegalArgumentException.class, () -> new PathRule(65, true));
  }

  @Test
  void rewrote_onlyWhenTheRuleChangedTheValue() {
    String raw = "../x";
    String s = sanitizer.sanitize(raw);
    assertTrue(sanitizer.rewrote(s, raw));
    byte[] b = TestSupport.bytes(raw);
    assertTrue(sanitizer.rewrote(s, b, 0, b.length));
    assertFalse(sanitizer.rewrote(s, s), "a rewritten value passing again is not rewritten");
    byte[] sb = TestSupport.bytes(s.toUpperCase(Locale.ROOT));
    assertFalse(sanitizer.rewrote(sanitizer.sanitize(sb, 0, sb.length), sb, 0, sb.length));
    assertFalse(sanitizer.rewrote("web01", "web01"));
  }

  @Test
  void isSafe_configuredValues() {
    assertTrue(sanitizer.isSafe("access"));
    assertFalse(sanitizer.isSafe("Access"));
    assertFalse(sanitizer.isSafe(".."));
    assertFalse(sanitizer.isSafe(""));
    assertFalse(sanitizer.isSafe("_error"), "hidden");
    assertFalse(sanitizer.isSafe("a~12345678"), "looks rewritten");
    assertTrue(sanitizer.isSafeErrorType("_error"));
    assertTrue(sanitizer.isSafeErrorType("error"));
    assertFalse(sanitizer.isSafeErrorType("_"));
    assertFalse(sanitizer.isSafeErrorType("__error"));
    assertFalse(sanitizer.isSafeErrorType("_.error"));
  }

  private static String lowerAscii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }
}
