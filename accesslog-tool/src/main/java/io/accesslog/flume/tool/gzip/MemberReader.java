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
  private final Inflater inflater = new Inflater(true);

  /** ISA-L, for members whose extent is known (see {@link #tryIsal}); null when not used. */
  private final Inflater isal;

  private final CRC32 crc = new CRC32();
  private final int maxBufferedBytes;
  private final InputWindow window = new InputWindow();
  private final GzipHeader header = new GzipHeader();
  private byte[] out;
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
    this.consumedReported = from;
    long end = file.length();
    long pos = from;
    long members = 0;
    window.open(file, pos);
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
      long candidate = window.findMagic(p);
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

  /**
   * Decodes the member at {@code pos}. With a listener, passes its bytes on once verified (or in
   * chunks when large); as a probe (listener null), only checks it. Returns the offset after the
   * member, or -1 with {@link #failure} set.
   */
  private long tryMember(long pos, MemberListener listener, boolean probe) throws IOException {
    long p = header.parse(window, pos);
    if (p < 0) {
      failure = header.failure;
      return -1;
    }
    if (isal != null && header.flags == 0) {
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
          if (!window.ensure(p, 1)) {
            failure = window.truncated(pos, "deflate data");
            return -1;
          }
          int i = (int) (p - window.start);
          inflater.setInput(window.buf, i, window.len - i);
          p += window.len - i;
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
    if (!window.ensure(afterDeflate, 8)) {
      failure = window.truncated(pos, "gzip trailer");
      return -1;
    }
    int storedCrc = window.intLe(afterDeflate);
    int storedSize = window.intLe(afterDeflate + 4);
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
   * member starting with the same fixed header bytes, or the end of the file ({@link
   * InputWindow#sinkMemberEnd}). That gives the member's exact extent, so ISA-L inflates it in one
   * call into a buffer of the trailer's length; the result counts only if the stream finished
   * exactly there and matches the trailer's CRC-32 and length. Returns -1 when the path does not
   * apply (member larger than the window or the buffer limit, other header) or the member does not
   * verify.
   */
  private long tryIsal(long pos, MemberListener listener, boolean probe) throws IOException {
    long next = window.sinkMemberEnd(pos);
    if (next < 0) {
      return -1;
    }
    int h = (int) (pos - window.start);
    int t = (int) (next - 8 - window.start);
    int storedCrc = window.intLe(next - 8);
    int size = window.intLe(next - 4);
    if (size < 0 || size > maxBufferedBytes) {
      return -1;
    }
    if (out.length < size + 1) {
      out = new byte[Math.min(maxBufferedBytes + 1, Math.max(size + 1, out.length * 2))];
    }
    int n;
    try {
      isal.reset();
      isal.setInput(window.buf, h + 10, t - h - 10);
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

  @Override
  public void close() {
    inflater.end();
    if (isal != null) {
      isal.end();
    }
  }
}
