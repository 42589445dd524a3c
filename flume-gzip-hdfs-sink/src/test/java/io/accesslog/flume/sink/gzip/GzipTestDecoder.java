package io.accesslog.flume.sink.gzip;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An independent multi-member gzip reader for the tests: header, raw inflate and trailer, member
 * after member, failing loudly on anything unexpected. (GZIPInputStream is not used on purpose:
 * over a stream it can stop silently at a member boundary.)
 */
final class GzipTestDecoder {

  /** One decoded member, with the raw header and trailer fields as found in the file. */
  record Member(
      int offset,
      int length,
      int flags,
      int mtime,
      int xfl,
      int os,
      byte[] data,
      int crc32,
      int isize) {}

  private GzipTestDecoder() {}

  static List<Member> decode(byte[] file) throws DataFormatException {
    List<Member> members = new ArrayList<>();
    int pos = 0;
    while (pos < file.length) {
      if (file.length - pos < 18) {
        throw new DataFormatException("truncated member at " + pos);
      }
      if ((file[pos] & 0xff) != 0x1f || (file[pos + 1] & 0xff) != 0x8b || file[pos + 2] != 8) {
        throw new DataFormatException("bad magic or method at " + pos);
      }
      int flags = file[pos + 3] & 0xff;
      if (flags != 0) {
        throw new DataFormatException("unexpected header flags " + flags + " at " + pos);
      }
      Inflater inflater = new Inflater(true);
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      int deflateEnd;
      try {
        inflater.setInput(file, pos + 10, file.length - pos - 10);
        byte[] buf = new byte[65536];
        while (!inflater.finished()) {
          int n = inflater.inflate(buf);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new DataFormatException("deflate data truncated in member at " + pos);
          }
          data.write(buf, 0, n);
        }
        deflateEnd = file.length - inflater.getRemaining();
      } finally {
        inflater.end();
      }
      if (file.length - deflateEnd < 8) {
        throw new DataFormatException("trailer truncated in member at " + pos);
      }
      members.add(
          new Member(
              pos,
              deflateEnd + 8 - pos,
              flags,
              intLe(file, pos + 4),
              file[pos + 8] & 0xff,
              file[pos + 9] & 0xff,
              data.toByteArray(),
              intLe(file, deflateEnd),
              intLe(file, deflateEnd + 4)));
      pos = deflateEnd + 8;
    }
    return members;
  }

  static byte[] decodeAll(byte[] file) throws DataFormatException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Member m : decode(file)) {
      all.writeBytes(m.data());
    }
    return all.toByteArray();
  }

  static int intLe(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }
}
