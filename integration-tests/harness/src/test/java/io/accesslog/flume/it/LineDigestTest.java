package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDigestTest {
  private static LineDigest of(List<String> lines) {
    LineDigest d = new LineDigest();
    lines.forEach(d::add);
    return d;
  }

  @Test
  void sameLinesAs_anyOrder_equal() {
    assertTrue(of(List.of("a", "b", "c")).sameLinesAs(of(List.of("c", "a", "b"))));
  }

  @Test
  void sameLinesAs_duplicateInsteadOfMissingLine_differs() {
    assertFalse(of(List.of("a", "b", "c")).sameLinesAs(of(List.of("a", "a", "c"))));
  }

  @Test
  void sameLinesAs_extraDuplicate_differs() {
    assertFalse(of(List.of("a", "b")).sameLinesAs(of(List.of("a", "b", "b"))));
  }

  @Test
  void merge_twoHalves_equalsTheWhole() {
    LineDigest half = of(List.of("x", "y"));
    half.merge(of(List.of("z")));
    assertTrue(half.sameLinesAs(of(List.of("z", "y", "x"))));
    assertEquals(3, half.lines());
    assertEquals(3, half.bytes());
  }
}
