package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;

class ValueInternerTest {
  private final AtomicInteger computed = new AtomicInteger();
  private final ValueInterner.Compute upper =
      (b, from, to) -> {
        computed.incrementAndGet();
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1).toUpperCase();
      };

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void repeatedRange_returnsTheSameInstanceWithoutRecomputing() {
    ValueInterner interner = new ValueInterner(16);
    String first = interner.get(bytes("xx app1 yy"), 3, 7, upper);
    String second = interner.get(bytes("zapp1"), 1, 5, upper);
    assertEquals("APP1", first);
    assertSame(first, second);
    assertEquals(1, computed.get());
  }

  @Test
  void collidingValues_inOneSlot_bothStayCorrect() {
    ValueInterner interner = new ValueInterner(1); // every value shares the one slot
    for (int i = 0; i < 50; i++) {
      String v = "host-" + (i % 3);
      assertEquals(v.toUpperCase(), interner.get(bytes(v), 0, v.length(), upper));
    }
    assertEquals(
        50, computed.get()); // alternating values evict each other: recomputed, never wrong
  }

  @Test
  void sameLengthDifferentBytes_isAMiss() {
    ValueInterner interner = new ValueInterner(1);
    assertEquals("AB", interner.get(bytes("ab"), 0, 2, upper));
    assertEquals("AC", interner.get(bytes("ac"), 0, 2, upper));
  }

  @Test
  void longOrEmptyValues_areComputedEveryTime_andNullIsNotRemembered() {
    ValueInterner interner = new ValueInterner(16);
    byte[] longValue = new byte[ValueInterner.MAX_BYTES + 1];
    java.util.Arrays.fill(longValue, (byte) 'a');
    String a = interner.get(longValue, 0, longValue.length, upper);
    String b = interner.get(longValue, 0, longValue.length, upper);
    assertNotSame(a, b);
    ValueInterner.Compute none =
        (x, f, t) -> {
          computed.incrementAndGet();
          return null;
        };
    assertNull(interner.get(bytes("q"), 0, 1, none));
    assertNull(interner.get(bytes("q"), 0, 1, none));
    assertEquals(4, computed.get());
  }

  @Test
  void slots_mustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new ValueInterner(12));
    assertThrows(IllegalArgumentException.class, () -> new ValueInterner(0));
  }

  @Test
  void interceptor_sharesAppAndTimestampStringsBetweenLinesOfOneAppAndSecond() {
    AccessLogInterceptor interceptor =
        new AccessLogInterceptor(
            TestSupport.settings("app.from", "field:host", "host.from", "static:web"),
            new TestSupport.FakeClock(TestSupport.SAMPLE_MILLIS + 60_000));
    Event a = interceptor.intercept(TestSupport.event(TestSupport.SAMPLE_LINE));
    Event b =
        interceptor.intercept(
            TestSupport.event(TestSupport.SAMPLE_LINE.replace("/api/v1/items/123", "/other")));
    assertEquals("app0042.example.com", a.getHeaders().get("app"));
    assertSame(a.getHeaders().get("app"), b.getHeaders().get("app"));
    assertEquals(Long.toString(TestSupport.SAMPLE_MILLIS), b.getHeaders().get("timestamp"));
    assertSame(a.getHeaders().get("timestamp"), b.getHeaders().get("timestamp"));
  }
}
