package io.accesslog.flume.tool.scan;

import java.nio.charset.StandardCharsets;

/**
 * A line's bytes as a CharSequence, one char per byte, so {@code --grep} runs without decoding each
 * line. Patterns are converted with {@link #pattern(String)} (UTF-8 bytes as chars), so literal
 * non-ASCII text still matches; character classes of non-ASCII characters do not.
 */
final class Latin1Chars implements CharSequence {
  private byte[] b;
  private int off;
  private int len;

  Latin1Chars reset(byte[] bytes, int offset, int length) {
    this.b = bytes;
    this.off = offset;
    this.len = length;
    return this;
  }

  static String pattern(String regex) {
    return new String(regex.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @Override
  public int length() {
    return len;
  }

  @Override
  public char charAt(int index) {
    return (char) (b[off + index] & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new Latin1Chars().reset(b, off + start, end - start);
  }

  @Override
  public String toString() {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }
}
