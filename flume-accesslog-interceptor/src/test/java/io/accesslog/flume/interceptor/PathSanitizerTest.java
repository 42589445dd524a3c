package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathSanitizerTest {
  private final PathSanitizer sanitizer = new PathSanitizer(20);

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "app0042.example.com|app0042.example.com",
      "App0042.Example.COM|app0042.example.com",
      "../../etc|_._.._etc",
      ".|_",
      "..|_.",
      ".hidden|_hidden",
      "a/b\\c|a_b_c",
      "%{host}|_host_",
      "caf\u00e9 bar|caf_bar",
      "x:8080|x_8080",
      "averyveryveryverylongname|averyveryveryverylon"})
  void sanitize_examples(String in, String out) {
    assertEquals(out, sanitizer.sanitize(in));
  }

  @Test
  void sanitize_emptyOrNull_isNull() {
    assertNull(sanitizer.sanitize(""));
    assertNull(sanitizer.sanitize((String) null));
  }

  @Test
  void sanitize_bytesAndString_agreeOnAscii() {
    byte[] b = TestSupport.bytes("x../Y z");
    assertEquals(sanitizer.sanitize("x../Y z"), sanitizer.sanitize(b, 0, b.length));
  }

  @Test
  void isSafe_onlyForUnchangedValues() {
    assertTrue(sanitizer.isSafe("_error"));
    assertTrue(sanitizer.isSafe("access"));
    assertFalse(sanitizer.isSafe("Access"));
    assertFalse(sanitizer.isSafe(".."));
    assertFalse(sanitizer.isSafe(""));
  }
}
