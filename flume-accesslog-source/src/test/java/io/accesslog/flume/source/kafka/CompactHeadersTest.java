package io.accesslog.flume.source.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactHeadersTest {
  private static final String[] KEYS = {
    "topic",
    "partition",
    "offset",
    "kafkaTimestamp",
    "key",
    "timestamp",
    "app",
    "host",
    "type",
    "error",
    "app.original",
    "k11",
    "k12",
    "k13",
    "k14",
    "k15",
    "k16",
    "k17",
    "k18",
    "k19"
  };

  /** Random operations on both maps; after each one they must agree on everything a reader sees. */
  @Test
  void behavesLikeHashMap_underRandomOperations() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      CompactHeaders compact = new CompactHeaders(random.nextInt(1, 12));
      Map<String, String> reference = new HashMap<>();
      for (int op = 0; op < 300; op++) {
        // new String: keys equal by content, not by reference, must still match
        String key =
            random.nextBoolean()
                ? KEYS[random.nextInt(KEYS.length)]
                : new String(KEYS[random.nextInt(KEYS.length)]);
        switch (random.nextInt(7)) {
          case 0:
          case 1:
            String v = random.nextInt(10) == 0 ? null : "v" + random.nextInt(100);
            assertEquals(reference.put(key, v), compact.put(key, v));
            break;
          case 2:
            long n = random.nextLong();
            compact.putNumber(key, n);
            reference.put(key, Long.toString(n));
            break;
          case 3:
            assertEquals(reference.remove(key), compact.remove(key));
            break;
          case 4:
            removeSomeWhileIterating(compact, reference, random);
            break;
          case 5:
            for (Map.Entry<String, String> e : compact.entrySet()) {
              if (random.nextInt(4) == 0) {
                String w = "set" + random.nextInt(10);
                assertEquals(reference.put(e.getKey(), w), e.setValue(w));
              }
            }
            break;
          default:
            assertEquals(reference.get(key), compact.get(key));
            assertEquals(reference.containsKey(key), compact.containsKey(key));
        }
        assertEquals(reference, compact);
        assertEquals(compact, reference);
        assertEquals(reference.hashCode(), compact.hashCode());
        assertEquals(reference.size(), compact.size());
      }
    }
  }

  private static void removeSomeWhileIterating(
      CompactHeaders compact, Map<String, String> reference, SplittableRandom random) {
    int seen = 0;
    for (Iterator<Map.Entry<String, String>> it = compact.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      seen++;
      if (random.nextBoolean()) {
        String key = e.getKey();
        it.remove();
        reference.remove(key);
      }
    }
    assertTrue(seen >= compact.size());
  }

  @Test
  void numbers_readAsTheirDecimalText_andOverwriteLikeAnyValue() {
    CompactHeaders h = new CompactHeaders(4);
    h.putNumber("offset", 1234567890123L);
    assertEquals("1234567890123", h.get("offset"));
    assertEquals("1234567890123", h.put("offset", "x"));
    assertEquals("x", h.get("offset"));
    h.putNumber("offset", -5);
    assertEquals("{offset=-5}", h.toString());
  }

  @Test
  void iterator_remove_withoutNext_fails_andClearEmpties() {
    CompactHeaders h = new CompactHeaders(2);
    h.put("a", "1");
    Iterator<Map.Entry<String, String>> it = h.entrySet().iterator();
    assertThrows(IllegalStateException.class, it::remove);
    h.put("b", "2");
    h.put("c", "3"); // grows past the initial capacity
    assertEquals(3, h.size());
    h.clear();
    assertTrue(h.isEmpty());
    assertNull(h.get("a"));
    assertFalse(h.containsKey(null));
  }
}
