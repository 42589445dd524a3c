package io.accesslog.flume.sink.spool;

import static io.accesslog.flume.sink.spool.SpoolFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyDictionaryTest {
  private final KeyDictionary dictionary = new KeyDictionary();

  @Test
  void indexOf_equalContentInNewArrays_returnsTheSameIndex() {
    int first = dictionary.indexOf(utf8("/a/b"));
    int second = dictionary.indexOf(utf8("/a/c"));
    assertEquals(0, first);
    assertEquals(1, second);
    assertEquals(0, dictionary.indexOf(utf8("/a/b")));
    assertEquals(2, dictionary.size());
  }

  @Test
  void indexOf_manyKeysWithGrowth_matchesAHashMap() {
    Map<String, Integer> model = new HashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      String key = "/logs/" + random.nextInt(30_000);
      int expected = model.computeIfAbsent(key, k -> model.size());
      assertEquals(expected, dictionary.indexOf(utf8(key)), key);
    }
    assertEquals(model.size(), dictionary.size());
  }

  @Test
  void indexOf_sameArrayRefilledWithAnotherKey_returnsTheIndexOfTheNewContent() {
    byte[] scratch = utf8("/a/1");
    assertEquals(0, dictionary.indexOf(scratch));
    scratch[3] = '2';
    assertEquals(1, dictionary.indexOf(scratch), "identity cache must not return the old key");
    scratch[3] = '1';
    assertEquals(0, dictionary.indexOf(scratch));
  }

  @Test
  void clear_afterUse_startsIndexesAgainAndEncodesOnlyNewKeys() {
    dictionary.indexOf(utf8("x"));
    dictionary.indexOf(utf8("y"));
    dictionary.clear();
    assertEquals(0, dictionary.indexOf(utf8("y")));
    assertEquals(2, dictionary.encoded().size(), "varint length 1 + 'y'");
  }
}
