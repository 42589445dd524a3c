package io.accesslog.flume.interceptor;

import java.nio.charset.StandardCharsets;

/**
 * The values one parsed line holds for the fields the interceptor needs, as byte ranges. Most
 * ranges point into the event body (no copy); a JSON string with escapes points into its own
 * decoded array. Confined to one thread: the interceptor creates one per line, the query tool
 * reuses one per scanning thread ({@link #clear()} before each line).
 */
final class FieldValues {
  private final byte[][] arrays;
  private final int[] from;
  private final int[] to;

  FieldValues(int fieldCount) {
    arrays = new byte[fieldCount][];
    from = new int[fieldCount];
    to = new int[fieldCount];
  }

  /** Forgets every field. */
  void clear() {
    java.util.Arrays.fill(arrays, null);
  }

  void set(int field, byte[] array, int start, int end) {
    arrays[field] = array;
    from[field] = start;
    to[field] = end;
  }

  boolean has(int field) {
    return arrays[field] != null;
  }

  /** Present, non-empty and not nginx's {@code -} placeholder for an empty variable. */
  boolean hasValue(int field) {
    if (arrays[field] == null) {
      return false;
    }
    int len = to[field] - from[field];
    return len > 1 || (len == 1 && arrays[field][from[field]] != '-');
  }

  byte[] array(int field) {
    return arrays[field];
  }

  int from(int field) {
    return from[field];
  }

  int to(int field) {
    return to[field];
  }

  String string(int field) {
    return arrays[field] == null
        ? null
        : new String(arrays[field], from[field], to[field] - from[field], StandardCharsets.UTF_8);
  }
}
