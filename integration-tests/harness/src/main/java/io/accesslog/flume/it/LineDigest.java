package io.accesslog.flume.it;

import java.nio.charset.StandardCharsets;

/**
 * An order-independent fingerprint of a multiset of lines: count, byte total and two 64-bit hash
 * aggregates. Equal digests mean "the same lines, each the same number of times" with overwhelming
 * probability, without keeping millions of lines in memory.
 */
public final class LineDigest {
  private long lines;
  private long bytes;
  private long hashSum;
  private long hashSquareSum;

  public void add(String line) {
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    long h = hash(utf8);
    lines++;
    bytes += utf8.length;
    hashSum += h;
    hashSquareSum += mix(h);
  }

  public synchronized void merge(LineDigest other) {
    lines += other.lines;
    bytes += other.bytes;
    hashSum += other.hashSum;
    hashSquareSum += other.hashSquareSum;
  }

  public long lines() {
    return lines;
  }

  /** UTF-8 bytes of all lines, without line terminators. */
  public long bytes() {
    return bytes;
  }

  /** Same lines with the same multiplicities (probabilistically). */
  public boolean sameLinesAs(LineDigest other) {
    return lines == other.lines
        && bytes == other.bytes
        && hashSum == other.hashSum
        && hashSquareSum == other.hashSquareSum;
  }

  @Override
  public String toString() {
    return "LineDigest{lines="
        + lines
        + ", bytes="
        + bytes
        + ", sum="
        + Long.toHexString(hashSum)
        + ", sum2="
        + Long.toHexString(hashSquareSum)
        + "}";
  }

  private static long hash(byte[] data) {
    long h = 0xcbf29ce484222325L; // FNV-1a 64, then a finalizer to spread it
    for (byte b : data) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
