package io.accesslog.flume.tool.gzip;

import io.accesslog.flume.interceptor.ByteScan;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sliding window over a {@link RandomInput}: {@code buf[0, len)} holds file bytes {@code [start,
 * start + len)}. {@link MemberReader} reads headers, deflate input and trailers straight out of
 * {@link #buf} (fields, not getters: this is the inflate loop's input).
 *
 * <p>Not thread-safe: owned by one reader.
 */
final class InputWindow {
  private static final int SIZE = 256 * 1024;

  final byte[] buf = new byte[SIZE];

  /** A long view of {@link #buf} for the eight-bytes-at-a-time header search. */
  private final ByteBuffer words = ByteScan.view(buf);

  long start;
  int len;
  private boolean eof;
  private RandomInput input;

  /** Starts reading {@code file} at {@code pos}, with an empty window. */
  void open(RandomInput file, long pos) throws IOException {
    this.input = file;
    fill(pos);
  }

  long fileLength() {
    return input.length();
  }

  /** Whether the file's end has been read into the window. */
  boolean atEof() {
    return eof;
  }

  /**
   * Makes file bytes {@code [pos, pos + n)} available in the window (reading and sliding as
   * needed); false if the file ends before.
   */
  boolean ensure(long pos, int n) throws IOException {
    if (pos >= start && pos + n <= start + len) {
      return true;
    }
    if (pos < start || pos > start + len) {
      fill(pos);
    } else {
      int keep = (int) (start + len - pos);
      System.arraycopy(buf, (int) (pos - start), buf, 0, keep);
      start = pos;
      len = keep;
    }
    // Here start == pos.
    while (len < n) {
      if (eof) {
        return false;
      }
      int r = input.read(buf, len, buf.length - len);
      if (r < 0) {
        eof = true;
      } else {
        len += r;
      }
    }
    return true;
  }

  private void fill(long pos) throws IOException {
    input.seek(pos);
    start = pos;
    len = 0;
    eof = false;
  }

  /** Offset of the next {@code 1f 8b 08} at or after {@code p}, or -1. */
  long findMagic(long p) throws IOException {
    long pos = p;
    while (true) {
      if (!ensure(pos, 3)) {
        return -1;
      }
      int i = (int) (pos - start);
      int last = len - 3;
      for (; i <= last; i++) {
        if ((buf[i] & 0xff) == GzipHeader.ID1
            && (buf[i + 1] & 0xff) == GzipHeader.ID2
            && buf[i + 2] == GzipHeader.CM_DEFLATE) {
          return start + i;
        }
      }
      pos = start + last + 1;
    }
  }

  /**
   * The end of the member at {@code pos} as our sink writes members: where the next member starts
   * with the sink's fixed header bytes ({@code 1f 8b 08 00|04 00 00 00 00 ?? ff}: a chance of about
   * 2^-71 per position to appear inside compressed data), or the end of the file. On success the
   * whole member is in the window. Returns -1 when the member does not fit in the window (or is
   * shorter than a header and trailer).
   */
  long sinkMemberEnd(long pos) throws IOException {
    long end = input.length();
    long search = pos + 18;
    long next = -1;
    if (!ensure(pos, 18)) {
      return -1;
    }
    while (next < 0) {
      int i = sinkHeader(words, buf, (int) (search - start), len - 10);
      if (i >= 0) {
        next = start + i;
        break;
      }
      if (next >= 0) {
        break;
      }
      long windowEnd = start + len;
      if (windowEnd >= end || eof) {
        next = Math.min(windowEnd, end);
        break;
      }
      if (windowEnd - pos >= buf.length - 16) {
        return -1; // the member does not fit in the window: the JDK path streams it
      }
      search = Math.max(search, windowEnd - 9);
      if (!ensure(pos, (int) Math.min(buf.length, windowEnd - pos + 1))) {
        next = Math.min(start + len, end);
        break;
      }
    }
    if (!ensure(pos, (int) (next - pos)) || next - pos < 18) {
      return -1;
    }
    return next;
  }

  /**
   * The first index in {@code [from, last]} where a sink member header starts, or -1: {@code 1f 8b
   * 08}, flags 0 (a member of lines) or FEXTRA (the sink's padding member, {@code ChunkPadding}),
   * MTIME 0, any XFL, OS {@code ff}. Finds candidate {@code 1f} bytes eight at a time ({@link
   * ByteScan}; about one in 256 bytes of compressed data) and checks the rest there: the
   * byte-at-a-time loop before this was about 8 % of the tool's CPU on a 3 GB filter.
   */
  private static int sinkHeader(ByteBuffer words, byte[] b, int from, int last) {
    int i = from;
    while (i <= last) {
      int at = ByteScan.indexOfIn(words, b, i, last + 1, (byte) 0x1f);
      if (at < 0) {
        return -1;
      }
      if ((b[at + 1] & 0xff) == GzipHeader.ID2
          && b[at + 2] == GzipHeader.CM_DEFLATE
          && (b[at + 3] == 0 || b[at + 3] == GzipHeader.FEXTRA)
          && b[at + 4] == 0
          && b[at + 5] == 0
          && b[at + 6] == 0
          && b[at + 7] == 0
          && (b[at + 9] & 0xff) == 0xff) {
        return at;
      }
      i = at + 1;
    }
    return -1;
  }

  /** The little-endian 32-bit value at file offset {@code pos}, which must be in the window. */
  int intLe(long pos) {
    int i = (int) (pos - start);
    return (buf[i] & 0xff)
        | (buf[i + 1] & 0xff) << 8
        | (buf[i + 2] & 0xff) << 16
        | (buf[i + 3] & 0xff) << 24;
  }

  /** Why a member that starts at {@code memberStart} cannot be read: the file ends in it. */
  String truncated(long memberStart, String what) {
    return "truncated: the file ends at offset "
        + input.length()
        + " inside the "
        + what
        + " of the member starting at offset "
        + memberStart;
  }
}
