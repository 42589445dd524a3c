package io.accesslog.flume.source.kafka;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The header map of an event made from a Kafka record: a small array map instead of a {@code
 * HashMap} (an event carries about ten headers, so a scan of ten cached key hashes beats a hash
 * table, and one event costs four small arrays instead of a table and a node per header), with
 * numeric headers (offset, Kafka timestamp) kept as numbers and turned into text only when read: in
 * the default pipeline nothing reads them.
 *
 * <p>A full, mutable {@link Map}; iteration order is unspecified, as for {@code HashMap}. Reads
 * never modify it, so concurrent readers are as safe as with {@code HashMap}.
 */
final class CompactHeaders extends AbstractMap<String, String> {
  /** Marks a slot whose value is the decimal text of {@code numbers[i]}. */
  private static final Object NUMBER = new Object();

  private String[] keys;
  private int[] hashes; // keys[i].hashCode() (0 for null): a miss scans ints, not strings
  private Object[] values;
  private long[] numbers;
  private int size;
  private Set<Map.Entry<String, String>> entrySet;

  CompactHeaders(int capacity) {
    int n = Math.max(4, capacity);
    keys = new String[n];
    hashes = new int[n];
    values = new Object[n];
    numbers = new long[n];
  }

  /** Puts {@code key} with the decimal text of {@code value}, rendered only when it is read. */
  void putNumber(String key, long value) {
    int i = indexOf(key);
    if (i < 0) {
      i = append(key);
    }
    values[i] = NUMBER;
    numbers[i] = value;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : valueAt(i);
  }

  @Override
  public String put(String key, String value) {
    int i = indexOf(key);
    if (i >= 0) {
      String old = valueAt(i);
      values[i] = value;
      return old;
    }
    int slot = append(key); // first: append may replace the arrays
    values[slot] = value;
    return null;
  }

  @Override
  public String remove(Object key) {
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    String old = valueAt(i);
    removeAt(i);
    return old;
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    Set<Map.Entry<String, String>> s = entrySet;
    if (s == null) {
      s = new Entries();
      entrySet = s;
    }
    return s;
  }

  private int indexOf(Object key) {
    int h = key == null ? 0 : key.hashCode(); // cached in the String: header names are constants
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h && (keys[i] == key || (key != null && key.equals(keys[i])))) {
        return i;
      }
    }
    return -1;
  }

  private int append(String key) {
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      hashes = Arrays.copyOf(hashes, n);
      values = Arrays.copyOf(values, n);
      numbers = Arrays.copyOf(numbers, n);
    }
    keys[size] = key;
    hashes[size] = key == null ? 0 : key.hashCode();
    return size++;
  }

  private String valueAt(int i) {
    Object v = values[i];
    return v == NUMBER ? Long.toString(numbers[i]) : (String) v;
  }

  /** Moves the last entry into slot {@code i}: order is unspecified, removal stays O(1). */
  private void removeAt(int i) {
    int last = size - 1;
    keys[i] = keys[last];
    hashes[i] = hashes[last];
    values[i] = values[last];
    numbers[i] = numbers[last];
    keys[last] = null;
    values[last] = null;
    size = last;
  }

  private final class Entries extends AbstractSet<Map.Entry<String, String>> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public void clear() {
      CompactHeaders.this.clear();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
      return new Iterator<Map.Entry<String, String>>() {
        private int next;
        private int current = -1;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Map.Entry<String, String> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          current = next++;
          return new Slot(current);
        }

        @Override
        public void remove() {
          if (current < 0) {
            throw new IllegalStateException();
          }
          removeAt(current);
          next = current; // the last entry moved into this slot: visit it next
          current = -1;
        }
      };
    }
  }

  /** An entry backed by its slot: {@link #setValue} writes through. */
  private final class Slot implements Map.Entry<String, String> {
    private final String key;

    Slot(int index) {
      this.key = keys[index];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public String getValue() {
      return get(key);
    }

    @Override
    public String setValue(String value) {
      return put(key, value);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
      return Objects.equals(key, e.getKey()) && Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(key) ^ Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
