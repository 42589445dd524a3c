package io.accesslog.flume.interceptor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One JSON object per line. Only top-level keys are looked up; the first occurrence of a key wins.
 * Strings are unescaped (only when they contain escapes); numbers, {@code true} and {@code false}
 * are kept as their text; {@code null}, objects and arrays count as absent. Everything else is
 * skipped without being materialised, iteratively, so deep nesting cannot overflow the stack.
 * Immutable and thread-safe.
 */
final class JsonLineParser implements LineParser {
  private final byte[][] names;

  JsonLineParser(List<String> fieldNames) {
    names = new byte[fieldNames.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = fieldNames.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public int fieldCount() {
    return names.length;
  }

  @Override
  public FieldValues parse(byte[] line, int length) {
    FieldValues values = new FieldValues(names.length);
    return parse(line, 0, length, values) ? values : null;
  }

  @Override
  public boolean parse(byte[] b, int from, int to, FieldValues values) {
    int i = skipWs(b, from, to);
    if (i >= to || b[i] != '{') {
      return false;
    }
    i = skipWs(b, i + 1, to);
    if (i < to && b[i] == '}') {
      return skipWs(b, i + 1, to) == to;
    }
    while (true) {
      if (i >= to || b[i] != '"') {
        return false;
      }
      int keyEnd = stringEnd(b, i + 1, to);
      if (keyEnd < 0) {
        return false;
      }
      int field = fieldOf(b, i + 1, keyEnd);
      if (field == -2) {
        return false;
      }
      i = skipWs(b, keyEnd + 1, to);
      if (i >= to || b[i] != ':') {
        return false;
      }
      i = skipWs(b, i + 1, to);
      if (i >= to) {
        return false;
      }
      i = value(b, i, to, field >= 0 && !values.has(field) ? field : -1, values);
      if (i < 0) {
        return false;
      }
      i = skipWs(b, i, to);
      if (i >= to) {
        return false;
      }
      if (b[i] == '}') {
        return skipWs(b, i + 1, to) == to;
      }
      if (b[i] != ',') {
        return false;
      }
      i = skipWs(b, i + 1, to);
    }
  }

  /** Reads the value at {@code i}, storing it when {@code field >= 0}; returns the index after. */
  private static int value(byte[] b, int i, int len, int field, FieldValues values) {
    byte c = b[i];
    if (c == '"') {
      int end = stringEnd(b, i + 1, len);
      if (end < 0) {
        return -1;
      }
      if (field >= 0) {
        if (indexOf(b, i + 1, end, (byte) '\\') < 0) {
          values.set(field, b, i + 1, end);
        } else {
          byte[] decoded = unescape(b, i + 1, end);
          if (decoded == null) {
            return -1;
          }
          values.set(field, decoded, 0, decoded.length);
        }
      }
      return end + 1;
    }
    if (c == '{' || c == '[') {
      return skipComposite(b, i, len);
    }
    int end = i;
    while (end < len && b[end] != ',' && b[end] != '}' && b[end] != ']' && !isWs(b[end])) {
      end++;
    }
    if (!isLiteral(b, i, end)) {
      return -1;
    }
    if (field >= 0 && !(end - i == 4 && b[i] == 'n')) {
      values.set(field, b, i, end);
    }
    return end;
  }

  /** -1: not wanted; -2: malformed key; else the field index. */
  private int fieldOf(byte[] b, int from, int to) {
    byte[] key = b;
    int start = from;
    int end = to;
    if (indexOf(b, from, to, (byte) '\\') >= 0) {
      key = unescape(b, from, to);
      if (key == null) {
        return -2;
      }
      start = 0;
      end = key.length;
    }
    outer:
    for (int f = 0; f < names.length; f++) {
      byte[] name = names[f];
      if (name.length != end - start) {
        continue;
      }
      for (int k = 0; k < name.length; k++) {
        if (name[k] != key[start + k]) {
          continue outer;
        }
      }
      return f;
    }
    return -1;
  }

  /** Index of the closing quote of a string whose content starts at {@code i}, or -1. */
  private static final long LOW = 0x0101010101010101L;

  private static final long HIGH = 0x8080808080808080L;
  private static final long QUOTES = '"' * LOW;
  private static final long BACKSLASHES = '\\' * LOW;

  static int stringEnd(byte[] b, int i, int len) {
    ByteBuffer words = ByteScan.view(b);
    while (i < len) {
      // Eight bytes at a time to the next '"', '\\' or control character (a byte < 0x20): the
      // lowest set bit of each "has a zero byte" mask is exact, so is the lowest of their OR.
      while (i + 8 <= len) {
        long w = words.getLong(i);
        long q = w ^ QUOTES;
        long e = w ^ BACKSLASHES;
        long special = ((q - LOW) & ~q) | ((e - LOW) & ~e) | ((w - 0x20 * LOW) & ~w);
        special &= HIGH;
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        i += 8;
      }
      if (i >= len) {
        break;
      }
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        i += 2;
      } else if (c >= 0 && c < 0x20) {
        return -1; // raw control characters are not allowed inside JSON strings
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int skipComposite(byte[] b, int i, int len) {
    int depth = 0;
    while (i < len) {
      byte c = b[i];
      if (c == '"') {
        i = stringEnd(b, i + 1, len);
        if (i < 0) {
          return -1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  private static boolean isLiteral(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 4 && (matches(b, from, "true") || matches(b, from, "null"))) {
      return true;
    }
    if (n == 5 && matches(b, from, "false")) {
      return true;
    }
    if (n == 0 || !(b[from] == '-' || (b[from] >= '0' && b[from] <= '9'))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(byte[] b, int at, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (b[at + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Decodes JSON escapes into UTF-8; null on a malformed escape. Output is never longer. */
  static byte[] unescape(byte[] b, int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    int i = from;
    while (i < to) {
      byte c = b[i];
      if (c != '\\') {
        out[n++] = c;
        i++;
        continue;
      }
      if (i + 1 >= to) {
        return null;
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case '"':
          out[n++] = '"';
          break;
        case '\\':
          out[n++] = '\\';
          break;
        case '/':
          out[n++] = '/';
          break;
        case 'b':
          out[n++] = '\b';
          break;
        case 'f':
          out[n++] = '\f';
          break;
        case 'n':
          out[n++] = '\n';
          break;
        case 'r':
          out[n++] = '\r';
          break;
        case 't':
          out[n++] = '\t';
          break;
        case 'u':
          int cp = hex4(b, i, to);
          if (cp < 0) {
            return null;
          }
          i += 4;
          if (Character.isHighSurrogate((char) cp)
              && i + 6 <= to
              && b[i] == '\\'
              && b[i + 1] == 'u') {
            int low = hex4(b, i + 2, to);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
              cp = Character.toCodePoint((char) cp, (char) low);
              i += 6;
            }
          }
          if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            cp = 0xFFFD; // a lone surrogate has no UTF-8 form
          }
          n = putUtf8(out, n, cp);
          break;
        default:
          return null;
      }
    }
    byte[] exact = new byte[n];
    System.arraycopy(out, 0, exact, 0, n);
    return exact;
  }

  private static int hex4(byte[] b, int i, int to) {
    if (i + 4 > to) {
      return -1;
    }
    int v = 0;
    for (int k = i; k < i + 4; k++) {
      int d = Character.digit(b[k], 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static int putUtf8(byte[] out, int n, int cp) {
    if (cp < 0x80) {
      out[n++] = (byte) cp;
    } else if (cp < 0x800) {
      out[n++] = (byte) (0xC0 | (cp >> 6));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[n++] = (byte) (0xE0 | (cp >> 12));
      out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      out[n++] = (byte) (0xF0 | (cp >> 18));
      out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      out[n++] = (byte) (0x80 | (cp & 0x3F));
    }
    return n;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    return ByteScan.indexOf(b, from, to, c);
  }

  private static int skipWs(byte[] b, int i, int len) {
    while (i < len && isWs(b[i])) {
      i++;
    }
    return i;
  }

  private static boolean isWs(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
