package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamesTest {
  private static final List<String> KNOWN =
      Arrays.asList("hdfs.root", "hdfs.path", "member.lines", "spool.dir");

  @Test
  void nearest_typo_found() {
    assertEquals("hdfs.root", KeyNames.nearest("hdfs.rot", KNOWN));
    assertEquals("hdfs.root", KeyNames.nearest("HDFS.Root", KNOWN));
    assertEquals("member.lines", KeyNames.nearest("memebr.lines", KNOWN));
  }

  @Test
  void nearest_nothingClose_null() {
    assertNull(KeyNames.nearest("colour", KNOWN));
    assertNull(KeyNames.nearest("x", Collections.emptyList()));
  }

  @Test
  void closest_farAway_stillAnswers_tiesByName() {
    assertEquals("spool.dir", KeyNames.closest("colour", KNOWN));
    assertEquals("ab", KeyNames.closest("a", Arrays.asList("b", "ac", "ab")));
  }

  @Test
  void distance_editsAndTranspositions() {
    assertEquals(0, KeyNames.distance("abc", "abc"));
    assertEquals(1, KeyNames.distance("abc", "abd"));
    assertEquals(1, KeyNames.distance("abc", "ab"));
    assertEquals(3, KeyNames.distance("", "abc"));
    assertEquals(3, KeyNames.distance("kitten", "sitting"));
    assertEquals(1, KeyNames.distance("ab", "ba"));
  }
}
