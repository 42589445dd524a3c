package io.accesslog.flume.tool.gzip;

import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a multi-member gzip file (RFC 1952) member by member, checking each member's CRC-32 and
 * length, and hands decoded bytes to a {@link MemberListener}.
 *
 * <p>Why not {@code GZIPInputStream}: it can stop silently at a member boundary, and it cannot say
 * where a damaged member starts or skip it. Here every member is decoded separately (header, raw
 * inflate, trailer), so:
 *
 * <ul>
 *   <li>a damaged member (bad header, corrupt deflate data, CRC or length mismatch, cut off by the
 *       end of the file) is reported with its offset and skipped: reading resumes at the next
 *       offset where a gzip header starts a member that decodes and verifies (a resync; a false
 *       start inside compressed data would need a valid deflate stream and a matching CRC-32, so it
 *       does not happen in practice);
 *   <li>a byte range {@code [from, to)} of a file can be read on its own: it starts at the first
 *       verified member at or after {@code from} and reads every member that starts before {@code
 *       to}, so ranges of one file can be decoded in parallel and together read each member once,
 *       and a damaged region is reported by the range it starts in.
 * </ul>
 *
 * <p>Streaming: a member's decoded bytes are kept until its trailer is verified (so a damaged
 * member contributes no line) up to {@code maxBufferedBytes}; a larger member (not one of our
 * sink's ~250 KB members) is passed on in line-aligned chunks as it is decoded.
 *
 * <p>Not thread-safe: one reader per thread; {@link #close()} releases the inflater.
 */
public final class MemberReader implements AutoCloseable {
  static final int ID1 = 0x1f;
  static final int ID2 = 0x8b;
  static final int CM_DEFLATE = 8;
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int INPUT_BUFFER = 256 * 1024;

  private final Inflater inflater = new Inflater(true);

  /** ISA-L, for members whose extent is known (see {@link #tryIsal}); null when not used. */
  private final Inflater isal;

  private final CRC32 crc = new CRC32();
  private final int maxBufferedBytes;
  private final byte[] in = new byte[INPUT_BUFFER];
  private byte[] out;

  // Window over the file: in[0, inLen) holds file bytes [inStart, inStart + inLen).
  private RandomInput input;
  private long inStart;
  private int inLen;
  private boolean eof;
  private long consumedReported;

  public MemberReader(int maxBufferedBytes) {
    this(maxBufferedBytes, IsalInflate.usable());
  }

  /**
   * @param useIsal use ISA-L inflate where it applies (it must be {@link #isalStatus() usable})
   */
  public MemberReader(int maxBufferedBytes, boolean useIsal) {
    this.isal = useIsal && IsalInflate.usable() ? IsalInflate.create() : null;
    this.maxBufferedBytes = Math.max(64 * 1024, maxBufferedBytes);
    this.out = new byte[Math.min(1 << 20, this.maxBufferedBytes)];
  }

  public MemberReader() {
    this(16 << 20);
  }

  /** null when ISA-L inflate is usable in this JVM, else why not. */
  public static String isalStatus() {
    return IsalInflate.status();
  }

  /** Members this reader decoded with ISA-L. */
  public long isalMembers() {
    return isalMembers;
  }

  private long isalMembers;

  /** Whether this reader uses ISA-L. */
  public boolean usesIsal() {
    return isal != null;
  }

  /**
   * Reads the members that start in {@code [from, to)} (to = the file length for all).
   *
   * @return the number of members decoded and verified
   */
  public long read(String name, RandomInput file, long from, long to, MemberListener listener)
      throws IOException {
    this.input = file;
    this.consumedReported = from;
    long end = file.length();
    long pos = from;
    long members = 0;
    fill(pos);
    if (from > 0) {
      // Mid-file: skip to the first member that verifies; the range before reports damage there.
      pos = resync(pos, to, listener, name, null);
      if (pos < 0) {
        return 0;
      }
    }
    while (pos < to && pos < end) {
      long next = tryMember(pos, listener, false);
      if (next >= 0) {
        members++;
        pos = next;
        continue;
      }
      String reason = failure;
      long resumed = resync(pos + 1, Long.MAX_VALUE, listener, name, reason);
      long at = resumed < 0 ? Math.max(end, pos) : resumed;
      listener.damaged(new Damage(name, pos, at, reason));
      if (resumed < 0) {
        break;
      }
      pos = resumed;
    }
    if (pos >= to && pos < end && tryMember(pos, listener, true) < 0) {
      // The chain of this range ends at damage past its end: it is ours, since the next range
      // starts at
      // the first member that verifies and so never sees where the damage starts.
      String reason = failure;
      long resumed = resync(pos + 1, Long.MAX_VALUE, listener, name, reason);
      listener.damaged(new Damage(name, pos, resumed < 0 ? end : resumed, reason));
    }
    long total = Math.min(Math.max(pos, from), end);
    if (total > consumedReported) {
      listener.data(pos, out, 0, total - consumedReported);
      consumedReported = total;
    }
    return members;
  }

  /** Why the last {@link #tryMember} failed. */
  private String failure;

  /**
   * The offset of the first member at or after {@code pos} (and before {@code limit}) that decodes
   * and verifies, decoding it into the listener, or -1.
   */
  private long resync(long pos, long limit, MemberListener listener, String name, String reason)
      throws IOException {
    long p = pos;
    while (p < limit) {
      long candidate = findMagic(p);
      if (candidate < 0 || candidate >= limit) {
        return -1;
      }
      // Probe: decode without passing anything on; only a verified member counts.
      if (tryMember(candidate, listener, true) >= 0) {
        return candidate;
      }
      p = candidate + 1;
    }
    return -1;
  }

  /** Offset of the next {@code 1f 8b 08} at or after {@code p}, or -1. */
  private long findMagic(long p) throws IOException {
    long pos = p;
    while (true) {
      if (!ensure(pos, 3)) {
        return -1;
      }
      int i = (int) (pos - inStart);
      int last = inLen - 3;
      for (; i <= last; i++) {
        if ((in[i] & 0xff) == ID1 && (in[i + 1] & 0xff) == ID2 && in[i + 2] == CM_DEFLATE) {
          return inStart + i;
        }
      }
      pos = inStart + last + 1;
    }
  }

  /**
   * Decodes the member at {@code pos}. With a listener, passes its bytes on once verified (or in
   * chunks when large); as a probe (listener null), only checks it. Returns the offset after the
   * member, or -1 with {@link #failure} set.
   */
  private long tryMember(long pos, MemberListener listener, boolean probe) throws IOException {
    if (!ensure(pos, 10)) {
      failure = eofReason(pos, "gzip header");
      return -1;
    }
    int h = (int) (pos - inStart);
    if ((in[h] & 0xff) != ID1 || (in[h + 1] & 0xff) != ID2) {
      failure = "not a gzip member (no 1f 8b magic)";
      return -1;
    }
    if (in[h + 2] != CM_DEFLATE) {
      failure = "unknown compression method " + (in[h + 2] & 0xff);
      return -1;
    }
    int flags = in[h + 3] & 0xff;
    if ((flags & 0xe0) != 0) {
      failure = "reserved gzip header flags set";
      return -1;
    }
    long p = pos + 10;
    if ((flags & FEXTRA) != 0) {
      if (!ensure(p, 2)) {
        failure = eofReason(pos, "gzip header");
        return -1;
      }
      int i = (int) (p - inStart);
      int xlen = (in[i] & 0xff) | (in[i + 1] & 0xff) << 8;
      p += 2 + xlen;
    }
    for (int flag : new int[] {FNAME, FCOMMENT}) {
      if ((flags & flag) != 0) {
        while (true) {
          if (!ensure(p, 1)) {
            failure = eofReason(pos, "gzip header");
            return -1;
          }
          byte b = in[(int) (p - inStart)];
          p++;
          if (b == 0) {
            break;
          }
        }
      }
    }
    if ((flags & FHCRC) != 0) {
      p += 2;
    }
    if (isal != null && flags == 0) {
      long next = tryIsal(pos, listener, probe);
      if (next >= 0) {
        return next;
      }
      // Not applicable, or it failed: the JDK path below decides, and says why if the member is
      // bad.
    }
    // Raw deflate, fed from the window. out[0, crcDone) is already in the CRC (a chunk's tail).
    inflater.reset();
    crc.reset();
    int outLen = 0;
    int crcDone = 0;
    long total = 0;
    boolean chunked = false;
    try {
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (!ensure(p, 1)) {
            failure = eofReason(pos, "deflate data");
            return -1;
          }
          int i = (int) (p - inStart);
          inflater.setInput(in, i, inLen - i);
          p += inLen - i;
        }
        if (outLen == out.length) {
          if (out.length < maxBufferedBytes) {
            out = java.util.Arrays.copyOf(out, Math.min(maxBufferedBytes, out.length * 2));
          } else {
            crc.update(out, crcDone, outLen - crcDone);
            total += outLen - crcDone;
            if (probe) {
              // A probe only shows that the member decodes and verifies: drop what it decoded.
              outLen = 0;
              crcDone = 0;
            } else {
              int cut = lastNewline(out, outLen);
              chunked = true;
              passOn(listener, pos, cut, p - inflater.getRemaining());
              System.arraycopy(out, cut, out, 0, outLen - cut);
              outLen -= cut;
              crcDone = outLen;
            }
          }
        }
        int n = inflater.inflate(out, outLen, out.length - outLen);
        if (n == 0 && inflater.needsDictionary()) {
          failure = "deflate data needs a preset dictionary";
          return -1;
        }
        outLen += n;
      }
    } catch (DataFormatException e) {
      failure = "corrupt deflate data (" + e.getMessage() + ")";
      return -1;
    }
    long afterDeflate = p - inflater.getRemaining();
    crc.update(out, crcDone, outLen - crcDone);
    total += outLen - crcDone;
    if (!ensure(afterDeflate, 8)) {
      failure = eofReason(pos, "gzip trailer");
      return -1;
    }
    int t = (int) (afterDeflate - inStart);
    int storedCrc = readIntLe(in, t);
    int storedSize = readIntLe(in, t + 4);
    if (storedCrc != (int) crc.getValue()) {
      failure =
          String.format(
              "CRC-32 mismatch (trailer %08x, data %08x)%s",
              storedCrc,
              (int) crc.getValue(),
              chunked ? "; lines of this member before the damage were used" : "");
      return -1;
    }
    if (storedSize != (int) total) {
      failure =
          "length mismatch (trailer "
              + Integer.toUnsignedString(storedSize)
              + ", data "
              + total
              + " mod 2^32)";
      return -1;
    }
    long next = afterDeflate + 8;
    if (!probe) {
      passOn(listener, pos, outLen, next);
    }
    return next;
  }

  /**
   * The fast path for members as our sink writes them: a 10-byte header without flags, and the next
   * member starting with the same fixed header bytes ({@code 1f 8b 08 00 00 00 00 00 ?? ff}: a
   * chance of about 2^-72 per position to appear inside compressed data), or the end of the file.
   * That gives the member's exact extent, so ISA-L inflates it in one call into a buffer of the
   * trailer's length; the result counts only if the stream finished exactly there and matches the
   * trailer's CRC-32 and length. Returns -1 when the path does not apply (member larger than the
   * window or the buffer limit, other header) or the member does not verify.
   */
  private long tryIsal(long pos, MemberListener listener, boolean probe) throws IOException {
    long end = input.length();
    long search = pos + 18;
    long next = -1;
    if (!ensure(pos, 18)) {
      return -1;
    }
    while (next < 0) {
      int i = (int) (search - inStart);
      int last = inLen - 10;
      for (; i <= last; i++) {
        if (in[i] == 0x1f
            && (in[i + 1] & 0xff) == ID2
            && in[i + 2] == CM_DEFLATE
            && in[i + 3] == 0
            && in[i + 4] == 0
            && in[i + 5] == 0
            && in[i + 6] == 0
            && in[i + 7] == 0
            && (in[i + 9] & 0xff) == 0xff) {
          next = inStart + i;
          break;
        }
      }
      if (next >= 0) {
        break;
      }
      long windowEnd = inStart + inLen;
      if (windowEnd >= end || eof) {
        next = Math.min(windowEnd, end);
        break;
      }
      if (windowEnd - pos >= in.length - 16) {
        return -1; // the member does not fit in the window: the JDK path streams it
      }
      search = Math.max(search, windowEnd - 9);
      if (!ensure(pos, (int) Math.min(in.length, windowEnd - pos + 1))) {
        next = Math.min(inStart + inLen, end);
        break;
      }
    }
    if (!ensure(pos, (int) (next - pos)) || next - pos < 18) {
      return -1;
    }
    int h = (int) (pos - inStart);
    int t = (int) (next - 8 - inStart);
    int storedCrc = readIntLe(in, t);
    int size = readIntLe(in, t + 4);
    if (size < 0 || size > maxBufferedBytes) {
      return -1;
    }
    if (out.length < size + 1) {
      out = new byte[Math.min(maxBufferedBytes + 1, Math.max(size + 1, out.length * 2))];
    }
    int n;
    try {
      isal.reset();
      isal.setInput(in, h + 10, t - h - 10);
      n = isal.inflate(out, 0, size + 1);
      if (!isal.finished()) {
        return -1;
      }
    } catch (RuntimeException | java.util.zip.DataFormatException e) {
      return -1;
    }
    if (n != size) {
      return -1;
    }
    crc.reset();
    crc.update(out, 0, n);
    if ((int) crc.getValue() != storedCrc) {
      return -1;
    }
    isalMembers++;
    if (!probe) {
      passOn(listener, pos, n, next);
    }
    return next;
  }

  private void passOn(MemberListener listener, long memberOffset, int len, long consumedTo)
      throws IOException {
    long compressed = Math.max(0, consumedTo - consumedReported);
    consumedReported = Math.max(consumedReported, consumedTo);
    listener.data(memberOffset, out, len, compressed);
  }

  private static int lastNewline(byte[] b, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return len;
  }

  private String eofReason(long memberStart, String what) {
    return "truncated: the file ends at offset "
        + input.length()
        + " inside the "
        + what
        + " of the member starting at offset "
        + memberStart;
  }

  /**
   * Makes file bytes {@code [pos, pos + n)} available in the window (reading and sliding as
   * needed); false if the file ends before.
   */
  private boolean ensure(long pos, int n) throws IOException {
    if (pos >= inStart && pos + n <= inStart + inLen) {
      return true;
    }
    if (pos < inStart || pos > inStart + inLen) {
      fill(pos);
    } else {
      int keep = (int) (inStart + inLen - pos);
      System.arraycopy(in, (int) (pos - inStart), in, 0, keep);
      inStart = pos;
      inLen = keep;
    }
    // Here inStart == pos.
    while (inLen < n) {
      if (eof) {
        return false;
      }
      int r = input.read(in, inLen, in.length - inLen);
      if (r < 0) {
        eof = true;
      } else {
        inLen += r;
      }
    }
    return true;
  }

  private void fill(long pos) throws IOException {
    input.seek(pos);
    inStart = pos;
    inLen = 0;
    eof = false;
  }

  private static int readIntLe(byte[] b, int i) {
    return (b[i] & 0xff)
        | (b[i + 1] & 0xff) << 8
        | (b[i + 2] & 0xff) << 16
        | (b[i + 3] & 0xff) << 24;
  }

  @Override
  public void close() {
    inflater.end();
    if (isal != null) {
      isal.end();
    }
  }
}
