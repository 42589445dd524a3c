package io.accesslog.flume.sink.route;

/**
 * The probe for {@link TargetCache}: the raw values of the referenced headers, the hour bucket and
 * the timestamp fallback reason. Raw values (not sanitized ones) so that a hit skips sanitizing.
 *
 * <p>Deliberately mutable: the router refills one instance per event, so a lookup allocates
 * nothing. The cache stores the values in a flat {@link #encodeValues() encoding} instead of key
 * objects, because every pointer between the table and the characters is a likely cache miss.
 */
final class RouteKey {
  /** Encoded length of a null value; real lengths are below it. */
  private static final int NULL_LENGTH = Integer.MAX_VALUE;

  private final String[] values;
  private long localHour;
  private int tag;
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
    // Offsets are within +-18 h (< 2^26 ms), so offset and reason share one int.
    this.tag = hour.offsetMillis * 8 + timestampFallback.ordinal();
    int h = Long.hashCode(localHour) * 31 + tag;
    for (String v : values) {
      h = h * 31 + (v == null ? 0 : v.hashCode());
    }
    this.hash = h;
  }

  int hash() {
    return hash;
  }

  long localHour() {
    return localHour;
  }

  int tag() {
    return tag;
  }

  /** The values as one string: per value two chars of length (or null marker), then the chars. */
  String encodeValues() {
    int n = 0;
    for (String v : values) {
      n += 2 + (v == null ? 0 : v.length());
    }
    StringBuilder b = new StringBuilder(n);
    for (String v : values) {
      int len = v == null ? NULL_LENGTH : v.length();
      b.append((char) (len >>> 16)).append((char) len);
      if (v != null) {
        b.append(v);
      }
    }
    return b.toString();
  }

  /**
   * True when {@code encoded} (from {@link #encodeValues()}) holds the same values as this probe.
   */
  boolean valuesMatch(String encoded) {
    int pos = 0;
    for (String v : values) {
      if (pos + 2 > encoded.length()) {
        return false;
      }
      int len = (encoded.charAt(pos) << 16) | encoded.charAt(pos + 1);
      pos += 2;
      if (v == null) {
        if (len != NULL_LENGTH) {
          return false;
        }
      } else {
        if (len != v.length() || !encoded.regionMatches(pos, v, 0, len)) {
          return false;
        }
        pos += len;
      }
    }
    return pos == encoded.length();
  }
}
