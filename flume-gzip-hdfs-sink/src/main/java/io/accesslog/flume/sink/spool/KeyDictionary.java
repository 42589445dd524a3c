package io.accesslog.flume.sink.spool;

import io.accesslog.flume.core.GrowableBytes;
import java.util.Arrays;

/**
 * Per-block dictionary of target keys: each distinct key is stored once per block and records refer
 * to it by index. With ~20,000 targets and thousands of lines per target this removes the key from
 * almost every record before compression even starts.
 *
 * <p>Keys are compared by content (the sink may pass a new array for the same target). The table is
 * open addressing over int arrays, so a lookup allocates nothing. The stored bytes are already in
 * wire form ({@code varint length, bytes} per key), so encoding the dictionary is one copy.
 *
 * <p>In front of the content table sits a small direct-mapped cache keyed by array identity: the
 * sink keeps one key array per target, so most lookups skip hashing the ~60-byte key (a third of
 * {@code add()} in the benchmark); the hit is still confirmed by content, so a caller that reuses
 * one scratch array for different keys stays correct. A caller passing fresh arrays only loses the
 * cache.
 */
final class KeyDictionary {
  private static final int MAX_TABLE = 1 << 30;

  private final GrowableBytes encoded = new GrowableBytes(64 << 10);
  private int[] keyStart = new int[1024];
  private int[] keyLength = new int[1024];
  private int[] keyHash = new int[1024];
  private int size;

  /** Slot holds index + 1; 0 means empty. Length is a power of two, load factor at most 1/2. */
  private int[] table = new int[4096];

  private static final int IDENTITY_SLOTS = 4096;
  private final byte[][] identityKeys = new byte[IDENTITY_SLOTS][];
  private final int[] identityIndex = new int[IDENTITY_SLOTS];

  int size() {
    return size;
  }

  /** Wire form of all keys in index order: for each, varint length then the bytes. */
  GrowableBytes encoded() {
    return encoded;
  }

  void clear() {
    if (size != 0) {
      Arrays.fill(table, 0);
      Arrays.fill(identityKeys, null);
      size = 0;
      encoded.clear();
    }
  }

  /** Returns the index of {@code key}, adding it if this block has not seen it yet. */
  int indexOf(byte[] key) {
    int cached = System.identityHashCode(key) & (IDENTITY_SLOTS - 1);
    // The content check keeps a caller that reuses one scratch array for different keys correct.
    if (identityKeys[cached] == key && equalsAt(identityIndex[cached], key)) {
      return identityIndex[cached];
    }
    int index = indexByContent(key);
    identityKeys[cached] = key;
    identityIndex[cached] = index;
    return index;
  }

  private int indexByContent(byte[] key) {
    int hash = hash(key);
    int mask = table.length - 1;
    int slot = hash & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        return add(key, hash, slot);
      }
      int index = entry - 1;
      if (keyHash[index] == hash && equalsAt(index, key)) {
        return index;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean equalsAt(int index, byte[] key) {
    int len = keyLength[index];
    if (len != key.length) {
      return false;
    }
    byte[] bytes = encoded.array();
    int start = keyStart[index];
    for (int i = 0; i < len; i++) {
      if (bytes[start + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private int add(byte[] key, int hash, int slot) {
    int index = size;
    if (index == keyStart.length) {
      int n = index * 2;
      keyStart = Arrays.copyOf(keyStart, n);
      keyLength = Arrays.copyOf(keyLength, n);
      keyHash = Arrays.copyOf(keyHash, n);
    }
    BlockBytes.appendVarint(encoded, key.length);
    keyStart[index] = encoded.size();
    keyLength[index] = key.length;
    keyHash[index] = hash;
    encoded.append(key, 0, key.length);
    table[slot] = index + 1;
    size = index + 1;
    if (size * 2 > table.length && table.length < MAX_TABLE) {
      rehash(table.length * 2);
    }
    return index;
  }

  private void rehash(int capacity) {
    int[] grown = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < size; i++) {
      int slot = keyHash[i] & mask;
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = i + 1;
    }
    table = grown;
  }

  /** Polynomial hash with a final mix, since the table uses the low bits. */
  private static int hash(byte[] key) {
    int h = 1;
    for (byte b : key) {
      h = 31 * h + b;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }
}
