package io.accesslog.flume.sink.buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** Targets, names, a compressor and a strict multi-member gzip decoder for the write-path tests. */
public final class TestSupport {
  static final long HOUR = 3_600_000L;

  /** 2026-11-22T13:00:00Z */
  static final long H13 = 1_795_352_400_000L;

  private TestSupport() {}

  record Target(String directory, String fileBase, long hourStartMillis) implements FileTarget {
    static Target of(String app, String host, long hourStart) {
      return new Target(
          "/logs/access/" + app + "/" + hourStart / HOUR, host + "." + hourStart / HOUR, hourStart);
    }
  }

  public static final FileNames NAMES =
      new FileNames() {
        @Override
        public String inProgressPath(FileTarget t, int seq) {
          return t.directory()
              + "/_"
              + t.fileBase()
              + ".w-test."
              + String.format("%04d", seq)
              + ".gz";
        }

        @Override
        public String finalPath(FileTarget t, int seq) {
          return t.directory()
              + "/"
              + t.fileBase()
              + ".w-test."
              + String.format("%04d", seq)
              + ".gz";
        }
      };

  public static final MemberCompressor GZIP =
      (lines, length) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(lines, 0, length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return out.toByteArray();
      };

  static byte[] line(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes every member of a concatenated gzip file to its lines; fails on anything malformed. */
  public static List<String> gunzipLines(byte[] file) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int pos = 0;
    while (pos < file.length) {
      if (file.length - pos < 18 || (file[pos] & 0xff) != 0x1f || (file[pos + 1] & 0xff) != 0x8b) {
        throw new AssertionError("no gzip member header at offset " + pos);
      }
      int header = 10;
      if (file[pos + 3] == 4) { // FEXTRA: a padding member (ChunkPadding)
        header += 2 + ((file[pos + 10] & 0xff) | (file[pos + 11] & 0xff) << 8);
      } else if (file[pos + 3] != 0) {
        throw new AssertionError("test decoder expects no header flags but FEXTRA");
      }
      Inflater inflater = new Inflater(true);
      inflater.setInput(file, pos + header, file.length - pos - header);
      byte[] buffer = new byte[65536];
      ByteArrayOutputStream member = new ByteArrayOutputStream();
      try {
        while (!inflater.finished()) {
          int n = inflater.inflate(buffer);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new AssertionError("truncated member at offset " + pos);
          }
          member.write(buffer, 0, n);
        }
      } catch (DataFormatException e) {
        throw new AssertionError("corrupt member at offset " + pos, e);
      }
      int end = file.length - inflater.getRemaining();
      inflater.end();
      ByteBuffer trailer = ByteBuffer.wrap(file, end, 8).order(ByteOrder.LITTLE_ENDIAN);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      byte[] data = member.toByteArray();
      crc.update(data);
      if ((int) crc.getValue() != trailer.getInt() || data.length != trailer.getInt()) {
        throw new AssertionError("bad trailer of member at offset " + pos);
      }
      all.write(data, 0, data.length);
      pos = end + 8;
    }
    String text = all.toString(StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return List.of();
    }
    if (!text.endsWith("\n")) {
      throw new AssertionError("last line not terminated");
    }
    return new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1)));
  }
}
