package io.accesslog.flume.sink.route;

import java.util.Arrays;

/**
 * Cache key: the raw values of the referenced headers, the hour bucket and the timestamp fallback
 * reason. Raw values (not sanitized ones) so that a cache hit skips sanitizing entirely.
 *
 * <p>Deliberately mutable: the router refills one probe instance per event and looks it up, so a
 * hit allocates nothing; only a miss stores an immutable {@link #copy()}. Never mutate a key that
 * is stored in a map.
 */
final class RouteKey {
  private final String[] values;
  private long localHour;
  private int offsetMillis;
  private int fallback;
  private int hash;

  RouteKey(int slots) {
    this.values = new String[slots];
  }

  String[] values() {
    return values;
  }

  /** Call after filling {@link #values()}; computes the hash. */
  void finish(HourBucket hour, TimestampFallback timestampFallback) {
    this.localHour = hour.localHour;
    this.offsetMillis = hour.offsetMillis;
    this.fallback = timestampFallback.ordinal();
    int h = Long.hashCode(localHour) * 31 + offsetMillis;
    h = h * 31 + fallback;
    for (String v : values) {
      h = h * 31 + (v == null ? 0 : v.hashCode());
    }
    this.hash = h;
  }

  RouteKey copy() {
    RouteKey k = new RouteKey(values.length);
    System.arraycopy(values, 0, k.values, 0, values.length);
    k.localHour = localHour;
    k.offsetMillis = offsetMillis;
    k.fallback = fallback;
    k.hash = hash;
    return k;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof RouteKey)) {
      return false;
    }
    RouteKey k = (RouteKey) o;
    return hash == k.hash
        && localHour == k.localHour
        && offsetMillis == k.offsetMillis
        && fallback == k.fallback
        && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
