package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexLineParserTest {
  @Test
  void groupNames_ignoresEscapedParens() {
    Pattern p = Pattern.compile("(?<a>x) \\(?<notAGroup>y\\) (?<b2>z)?");
    assertEquals(Arrays.asList("a", "b2"), Arrays.asList(RegexLineParser.groupNames(p).toArray()));
  }

  @Test
  void parse_match_extractsGroupsAndAbsentOptional() {
    RegexLineParser parser =
        new RegexLineParser(
            Pattern.compile("^(?<ts>\\S+) (?<host>\\S+)(?: (?<app>\\S+))?$"),
            Arrays.asList("ts", "host", "app"));
    byte[] b = bytes("1760075736 h\u00e9.example");
    FieldValues v = parser.parse(b, b.length);
    assertNotNull(v);
    assertEquals("1760075736", v.string(0));
    assertEquals("h\u00e9.example", v.string(1));
    assertFalse(v.has(2));
  }

  @Test
  void parse_noMatch_returnsNull() {
    RegexLineParser parser =
        new RegexLineParser(Pattern.compile("^(?<ts>\\d+)$"), Arrays.asList("ts"));
    byte[] b = bytes("abc");
    assertNull(parser.parse(b, b.length));
  }
}
