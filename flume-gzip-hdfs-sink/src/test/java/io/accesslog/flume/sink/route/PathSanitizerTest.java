package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathSanitizerTest {

  @Test
  void sanitize_cleanShortValue_returnsSameInstance() {
    String v = "web01.example-com_1";
    assertSame(v, PathSanitizer.sanitize(v));
  }

  @ParameterizedTest
  @CsvSource({
    "'../../etc', '_._.._etc'",
    "'a/b', 'a_b'",
    "'a\\b', 'a_b'",
    "'my host', 'my_host'",
    "'%2e%2e', '_2e_2e'",
    "'.hidden', '_hidden'",
    "'..x', '_.x'",
    "'a~b', 'a_b'",
    "'caf\u00e9', 'caf_'",
  })
  void sanitize_unsafeCharacters_replacedByUnderscore(String raw, String expected) {
    assertEquals(expected, PathSanitizer.sanitize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "/", "//", "-", "___", "%%", " ", "\u0000", "\u00e9\u00e8"})
  void sanitize_noLetterOrDigit_returnsNullForMissing(String raw) {
    assertNull(PathSanitizer.sanitize(raw));
  }

  @Test
  void sanitize_controlCharacters_replacedByUnderscore() {
    assertEquals("x_y_z_w", PathSanitizer.sanitize("x\u0000y\nz\u007fw"));
  }

  @Test
  void sanitize_null_returnsNull() {
    assertNull(PathSanitizer.sanitize(null));
  }

  @Test
  void sanitize_exactly64Chars_keptAsIs() {
    String v = "a".repeat(64);
    assertEquals(v, PathSanitizer.sanitize(v));
  }

  @Test
  void sanitize_longValue_prefixMarkAndHash() {
    String v = "b".repeat(65);
    String s = PathSanitizer.sanitize(v);
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
  void sanitize_longValuesDifferingOnlyInUnsafeChar_stayDistinct() {
    String prefix = "p".repeat(100);
    assertNotEquals(PathSanitizer.sanitize(prefix + "/"), PathSanitizer.sanitize(prefix + "_"));
  }

  @Test
  void sanitize_longValueWithLeadingDot_leadingUnderscore() {
    String s = PathSanitizer.sanitize("." + "x".repeat(200));
    assertEquals('_', s.charAt(0));
  }

  @Test
  void sanitize_tenKilobytes_boundedLength() {
    String s = PathSanitizer.sanitize("x/".repeat(5000));
    assertEquals(64, s.length());
    assertTrue(s.matches("[A-Za-z0-9._~-]+"), s);
  }

  @Test
  void sanitize_shortenedValue_neverEqualsAnyShortValue() {
    // '~' cannot survive sanitizing, so an input that looks like a shortened value is changed.
    String shortened = PathSanitizer.sanitize("q".repeat(80));
    assertNotEquals(shortened, PathSanitizer.sanitize(shortened));
  }

  @Test
  void isClean_dirtyValue_false() {
    assertFalse(PathSanitizer.isClean("a b"));
    assertFalse(PathSanitizer.isClean(".a"));
    assertFalse(PathSanitizer.isClean(null));
    assertTrue(PathSanitizer.isClean("a.b-c_d"));
  }
}
