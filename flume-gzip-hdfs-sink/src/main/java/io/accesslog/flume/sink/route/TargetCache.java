package io.accesslog.flume.sink.route;

import java.util.Arrays;

/**
 * Bounded map from {@link RouteKey} to {@link Target}: an open-addressing table of parallel arrays
 * (hash, hour, tag, encoded values, target) so a hit follows as few pointers as possible; at 20,000
 * targets the table no longer fits in the CPU caches, and each pointer costs a memory access.
 *
 * <p>When full it is <em>cleared</em>, not LRU-evicted: LRU writes on every hit, which is the hot
 * path, while clearing costs one miss per live key afterwards. Keys include the hour, so with
 * ~20,000 targets per hour a 100,000-entry cache is cleared about every five hours.
 *
 * <p>Probing stops after {@value #MAX_PROBES} slots: a key that finds no free slot within that
 * distance is simply not cached. This bounds the cost of values crafted to collide in {@code
 * String.hashCode} (untrusted header values) to a few compares plus a rebuild per event, instead of
 * a scan of every colliding key. Not thread-safe.
 */
final class TargetCache {
  static final int MAX_PROBES = 32;

  private final int capacity;
  private final int mask;
  private final int[] hashes;
  private final long[] hours;
  private final int[] tags;
  private final String[] keys;
  private final Target[] targets;
  private int size;
  private long clears;

  TargetCache(int capacity) {
    this.capacity = capacity;
    // Load factor at most 1/2 keeps linear-probing runs short.
    int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    this.mask = tableSize - 1;
    this.hashes = new int[tableSize];
    this.hours = new long[tableSize];
    this.tags = new int[tableSize];
    this.keys = new String[tableSize];
    this.targets = new Target[tableSize];
  }

  Target get(RouteKey probe) {
    int h = probe.hash();
    int i = spread(h) & mask;
    for (int n = 0; n < MAX_PROBES; n++) {
      String k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h
          && hours[i] == probe.localHour()
          && tags[i] == probe.tag()
          && probe.valuesMatch(k)) {
        return targets[i];
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Stores a target for a probe that {@link #get} just missed. */
  void put(RouteKey probe, Target target) {
    if (size >= capacity) {
      Arrays.fill(keys, null);
      Arrays.fill(targets, null);
      size = 0;
      clears++;
    }
    int h = probe.hash();
    int i = spread(h) & mask;
    for (int n = 0; n < MAX_PROBES; n++) {
      if (keys[i] == null) {
        hashes[i] = h;
        hours[i] = probe.localHour();
        tags[i] = probe.tag();
        keys[i] = probe.encodeValues();
        targets[i] = target;
        size++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  long clears() {
    return clears;
  }

  /** Murmur3 finalizer: String.hashCode sums are poorly spread in the low bits. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
