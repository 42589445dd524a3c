package io.accesslog.flume.sink.route;

import java.util.HashMap;

/**
 * Bounded map from {@link RouteKey} to {@link Target}. When full it is <em>cleared</em>, not
 * LRU-evicted: LRU (access-ordered LinkedHashMap) writes links on every hit, which is the hot path,
 * while clearing costs one miss per live key afterwards. Keys include the hour, so with ~20,000
 * targets per hour a 100,000-entry cache is cleared about every five hours. Not thread-safe.
 */
final class TargetCache {
  private final int capacity;
  private final HashMap<RouteKey, Target> map;
  private long clears;

  TargetCache(int capacity) {
    this.capacity = capacity;
    // Sized so it never rehashes below capacity (default load factor 0.75).
    this.map = new HashMap<>(Math.min(capacity, 1 << 20) * 4 / 3 + 1);
  }

  Target get(RouteKey probe) {
    return map.get(probe);
  }

  void put(RouteKey key, Target target) {
    if (map.size() >= capacity) {
      map.clear();
      clears++;
    }
    map.put(key, target);
  }

  int size() {
    return map.size();
  }

  long clears() {
    return clears;
  }
}
