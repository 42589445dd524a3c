package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.it.AccessLogGenerator.AccessLine;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AccessLogGeneratorTest {
  private static final long START = 1_795_000_000_000L / 3_600_000L * 3_600_000L;
  private static final Pattern NGINX =
      Pattern.compile(
          "(\\d+\\.\\d+\\.\\d+\\.\\d+) - - \\[([^\\]]+)] \"(\\S+) (\\S+) HTTP/1\\.1\" (\\d{3}) (\\d+) \"([^\"]*)\" \"([^\"]*)\" "
              + "(\\d+\\.\\d{3}) (\\d+\\.\\d{3}) (\\S+) ([0-9a-f]{32})");

  private static List<AccessLine> generate(long seed, int n, int hours, ZoneOffset zone) {
    AccessLogGenerator g = new AccessLogGenerator(seed, n, 5, 7, START, hours, zone);
    List<AccessLine> lines = new ArrayList<>();
    while (g.hasNext()) {
      lines.add(g.next());
    }
    return lines;
  }

  @Test
  void next_sameSeed_sameLines() {
    assertEquals(generate(7, 500, 2, ZoneOffset.UTC), generate(7, 500, 2, ZoneOffset.UTC));
    assertNotEquals(generate(7, 500, 2, ZoneOffset.UTC), generate(8, 500, 2, ZoneOffset.UTC));
  }

  @Test
  void next_everyLine_matchesTheDocumentedLogFormatAndItsMetadata() {
    DateTimeFormatter timeLocal =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    for (AccessLine line : generate(1, 2_000, 3, ZoneOffset.ofHours(8))) {
      Matcher m = NGINX.matcher(line.line());
      assertTrue(m.matches(), line.line());
      long parsed = ZonedDateTime.parse(m.group(2), timeLocal).toInstant().toEpochMilli();
      assertEquals(line.eventMillis() / 1000 * 1000, parsed, "time_local is the event second");
      assertTrue(m.group(2).endsWith("+0800"), m.group(2));
      assertEquals(line.app(), m.group(11));
      long[] id = AccessLine.hostAndSequence(line.line());
      assertEquals(line.host(), AccessLogGenerator.hostName((int) id[0]));
      assertEquals(line.sequence(), id[1]);
    }
  }

  @Test
  void next_acrossTheRun_eventTimesCoverTheHoursInOrder() {
    List<AccessLine> lines = generate(3, 3_000, 3, ZoneOffset.UTC);
    assertEquals(START, lines.get(0).eventMillis());
    long previous = Long.MIN_VALUE;
    Map<Long, Integer> perHour = new HashMap<>();
    for (AccessLine line : lines) {
      assertTrue(line.eventMillis() >= previous);
      previous = line.eventMillis();
      perHour.merge((line.eventMillis() - START) / 3_600_000L, 1, Integer::sum);
    }
    assertEquals(Map.of(0L, 1000, 1L, 1000, 2L, 1000), perHour);
  }

  @Test
  void next_perHost_sequenceNumbersAreConsecutiveFromZero() {
    Map<String, Long> expectedNext = new HashMap<>();
    for (AccessLine line : generate(5, 1_000, 1, ZoneOffset.UTC)) {
      long expected = expectedNext.getOrDefault(line.host(), 0L);
      assertEquals(expected, line.sequence(), line.host());
      expectedNext.put(line.host(), expected + 1);
    }
    assertEquals(5, expectedNext.size(), "all hosts got lines");
  }

  @Test
  void next_afterTheLastLine_throws() {
    AccessLogGenerator g = new AccessLogGenerator(1, 1, 1, 1, START, 1, ZoneOffset.UTC);
    g.next();
    assertFalse(g.hasNext());
    try {
      g.next();
    } catch (IllegalStateException expected) {
      return;
    }
    throw new AssertionError("next() past the end must throw");
  }
}
