package io.accesslog.flume.tool.gzip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MemberReaderTest {
  /**
   * The text of each member built by {@link #members}, by the member's bytes (kept, never decoded
   * back).
   */
  private static final java.util.Map<byte[], String> TEXT = new java.util.IdentityHashMap<>();

  /** Members of 100 lines each; line text names member and line. */
  private static List<byte[]> members(int count) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        b.append("member ")
            .append(m)
            .append(" line ")
            .append(i)
            .append(" GET /x?")
            .append(m * 31 + i)
            .append('\n');
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
        gz.write(b.toString().getBytes(StandardCharsets.UTF_8));
      }
      byte[] member = bytes.toByteArray();
      TEXT.put(member, b.toString());
      out.add(member);
    }
    return out;
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    parts.forEach(p -> b.write(p, 0, p.length));
    return b.toByteArray();
  }

  private static long offsetOf(List<byte[]> parts, int index) {
    long o = 0;
    for (int i = 0; i < index; i++) {
      o += parts.get(i).length;
    }
    return o;
  }

  /** Reads [from, to) and records decoded text and damage. */
  private static final class Recorder implements MemberListener {
    final StringBuilder text = new StringBuilder();
    final List<Damage> damages = new ArrayList<>();
    final List<Long> offsets = new ArrayList<>();
    long compressed;

    @Override
    public void data(long memberOffset, byte[] buf, int len, long compressedBytes) {
      compressed += compressedBytes;
      if (len > 0) {
        offsets.add(memberOffset);
        text.append(new String(buf, 0, len, StandardCharsets.UTF_8));
      }
    }

    @Override
    public void damaged(Damage damage) {
      damages.add(damage);
    }
  }

  private static boolean isal;

  private static long isalMembers;

  private static Recorder read(byte[] file, long from, long to) throws IOException {
    Recorder r = new Recorder();
    try (MemberReader reader = new MemberReader(16 << 20, isal)) {
      reader.read("f.gz", RandomInput.of(file), from, to, r);
      isalMembers += reader.isalMembers();
    }
    return r;
  }

  private static String text(List<byte[]> parts, int... skip) throws IOException {
    StringBuilder b = new StringBuilder();
    outer:
    for (int i = 0; i < parts.size(); i++) {
      for (int s : skip) {
        if (s == i) {
          continue outer;
        }
      }
      b.append(TEXT.get(parts.get(i)));
    }
    return b.toString();
  }

  @Test
  void read_multiMember_everyMemberInOrderAllBytesCounted() throws IOException {
    List<byte[]> parts = members(20);
    byte[] file = concat(parts);
    Recorder r = read(file, 0, file.length);
    assertEquals(text(parts), r.text.toString());
    assertEquals(20, r.offsets.size());
    assertEquals(offsetOf(parts, 7), r.offsets.get(7));
    assertEquals(List.of(), r.damages);
    assertEquals(file.length, r.compressed);
  }

  @Test
  void read_corruptMemberInTheMiddle_reportedWithItsOffsetAndSkipped() throws IOException {
    List<byte[]> parts = members(10);
    byte[] bad = parts.get(4).clone();
    TEXT.put(bad, TEXT.get(parts.get(4)));
    for (int i = 30; i < 60; i++) {
      bad[i] ^= 0x5a;
    }
    parts.set(4, bad);
    Recorder r = read(concat(parts), 0, Long.MAX_VALUE);
    assertEquals(text(parts, 4), r.text.toString());
    assertEquals(1, r.damages.size(), r.damages.toString());
    Damage d = r.damages.get(0);
    assertEquals("f.gz", d.file());
    assertEquals(offsetOf(parts, 4), d.offset());
    assertEquals(offsetOf(parts, 5), d.resumedAt());
  }

  @Test
  void read_crcMismatch_reportedAsCrc() throws IOException {
    List<byte[]> parts = members(3);
    byte[] bad = parts.get(1).clone();
    TEXT.put(bad, TEXT.get(parts.get(1)));
    bad[bad.length - 8] ^= 1; // first byte of the stored CRC-32
    parts.set(1, bad);
    Recorder r = read(concat(parts), 0, Long.MAX_VALUE);
    assertEquals(text(parts, 1), r.text.toString());
    assertEquals(1, r.damages.size());
    assertTrue(r.damages.get(0).reason().contains("CRC-32 mismatch"), r.damages.get(0).reason());
    assertEquals(offsetOf(parts, 1), r.damages.get(0).offset());
  }

  @Test
  void read_truncatedLastMember_reportedWithOffsetAndFileEnd() throws IOException {
    List<byte[]> parts = members(4);
    byte[] whole = concat(parts);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 100);
    Recorder r = read(cut, 0, Long.MAX_VALUE);
    assertEquals(text(parts, 3), r.text.toString());
    assertEquals(1, r.damages.size());
    Damage d = r.damages.get(0);
    assertEquals(offsetOf(parts, 3), d.offset());
    assertEquals(cut.length, d.resumedAt());
    assertTrue(d.reason().startsWith("truncated"), d.reason());
    assertTrue(d.message().contains("f.gz: offset " + offsetOf(parts, 3)), d.message());
  }

  @Test
  void read_garbageBetweenMembers_skippedToTheNextMember() throws IOException {
    List<byte[]> parts = members(3);
    List<byte[]> withJunk = new ArrayList<>(parts);
    withJunk.add(1, "not gzip at all\n".getBytes(StandardCharsets.UTF_8));
    Recorder r = read(concat(withJunk), 0, Long.MAX_VALUE);
    assertEquals(text(parts), r.text.toString());
    assertEquals(1, r.damages.size());
    assertEquals(parts.get(0).length, r.damages.get(0).offset());
  }

  @Test
  void read_byteRanges_togetherReadEveryMemberOnceAndReportDamageOnce() throws IOException {
    List<byte[]> parts = members(30);
    byte[] bad = parts.get(13).clone();
    TEXT.put(bad, TEXT.get(parts.get(13)));
    for (int i = 20; i < 40; i++) {
      bad[i] = 0;
    }
    parts.set(13, bad);
    byte[] file = concat(parts);
    for (int ranges : new int[] {2, 3, 7, 29}) {
      StringBuilder all = new StringBuilder();
      List<Damage> damages = new ArrayList<>();
      long compressed = 0;
      for (int i = 0; i < ranges; i++) {
        long from = (long) file.length * i / ranges;
        long to = i == ranges - 1 ? Long.MAX_VALUE : (long) file.length * (i + 1) / ranges;
        Recorder r = read(file, from, to);
        all.append(r.text);
        damages.addAll(r.damages);
        compressed += r.compressed;
      }
      assertEquals(text(parts, 13), all.toString(), ranges + " ranges");
      assertEquals(1, damages.size(), ranges + " ranges: " + damages);
      assertEquals(offsetOf(parts, 13), damages.get(0).offset());
      assertTrue(compressed >= file.length - parts.get(13).length, ranges + " ranges");
    }
  }

  @Test
  void read_memberLargerThanTheBuffer_arrivesInLineAlignedChunks() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      b.append("line ").append(i).append(" of one big member\n");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    Recorder r = new Recorder();
    List<Integer> chunkEnds = new ArrayList<>();
    try (MemberReader reader = new MemberReader(64 * 1024)) {
      reader.read(
          "big.gz",
          RandomInput.of(bytes.toByteArray()),
          0,
          Long.MAX_VALUE,
          new MemberListener() {
            @Override
            public void data(long off, byte[] buf, int len, long c) {
              r.data(off, buf, len, c);
              if (len > 0) {
                chunkEnds.add((int) buf[len - 1]);
              }
            }

            @Override
            public void damaged(Damage d) {
              r.damaged(d);
            }
          });
    }
    assertEquals(b.toString(), r.text.toString());
    assertTrue(chunkEnds.size() > 10);
    assertTrue(chunkEnds.stream().allMatch(c -> c == '\n'));
    assertEquals(List.of(), r.damages);
  }

  /**
   * A member as our sink writes it: 10-byte header (no flags, MTIME 0, XFL 4, OS 255), raw deflate,
   * trailer.
   */
  private static byte[] sinkMember(byte[] data) {
    java.util.zip.Deflater d = new java.util.zip.Deflater(1, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 1024];
    int n = d.deflate(buf);
    d.end();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 0xff}, 0, 10);
    b.write(buf, 0, n);
    int c = (int) crc.getValue();
    int len = data.length;
    b.write(
        new byte[] {
          (byte) c,
          (byte) (c >>> 8),
          (byte) (c >>> 16),
          (byte) (c >>> 24),
          (byte) len,
          (byte) (len >>> 8),
          (byte) (len >>> 16),
          (byte) (len >>> 24)
        },
        0,
        8);
    return b.toByteArray();
  }

  @Test
  void read_sinkMembers_sameAnswerWithIsalAndJdk_damageFoundByBoth() throws IOException {
    List<byte[]> parts = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (int m = 0; m < 40; m++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        b.append("10.0.")
            .append(m)
            .append('.')
            .append(i % 250)
            .append(" - - [07/Dec/2026:13:00:00 +0000] \"GET /a/")
            .append(m * 7919 + i * 31)
            .append(" HTTP/1.1\" 200 ")
            .append(i * 13)
            .append('\n');
      }
      all.append(b);
      parts.add(sinkMember(b.toString().getBytes(StandardCharsets.UTF_8)));
    }
    byte[] file = concat(parts);
    byte[] broken = file.clone();
    long badOffset = offsetOf(parts, 17);
    broken[(int) badOffset + parts.get(17).length / 2] ^= 0x21;
    org.junit.jupiter.api.Assumptions.assumeTrue(
        MemberReader.isalStatus() == null,
        () -> "ISA-L not usable here: " + MemberReader.isalStatus());
    for (boolean useIsal : new boolean[] {true, false}) {
      isal = useIsal;
      isalMembers = 0;
      try {
        assertEquals(
            all.toString(), read(file, 0, Long.MAX_VALUE).text.toString(), "isal=" + useIsal);
        Recorder r = read(broken, 0, Long.MAX_VALUE);
        assertEquals(1, r.damages.size(), "isal=" + useIsal);
        assertEquals(badOffset, r.damages.get(0).offset());
        assertEquals(39, r.offsets.size());
        Recorder half = read(file, file.length / 2, Long.MAX_VALUE);
        assertTrue(all.toString().endsWith(half.text.toString()) && half.text.length() > 0);
        assertEquals(
            useIsal,
            isalMembers >= 40 + 39,
            "isal=" + useIsal + ": " + isalMembers + " ISA-L members");
      } finally {
        isal = false;
      }
    }
  }

  @Test
  void read_sinkMembersWithChunkPadding_everyLineMemberTakesTheIsalPath() throws IOException {
    // As the sink writes since it pads each HDFS write to a checksum chunk: a few line members,
    // then an empty padding member (FEXTRA), then more. The padding must end the member before it,
    // or that member would fall back to the slower JDK inflater.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        MemberReader.isalStatus() == null,
        () -> "ISA-L not usable here: " + MemberReader.isalStatus());
    List<byte[]> parts = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    int lineMembers = 0;
    long length = 0;
    for (int m = 0; m < 30; m++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        b.append("10.1.").append(m).append('.').append(i % 250).append(" GET /p/").append(i * m);
        b.append('\n');
      }
      all.append(b);
      byte[] member = sinkMember(b.toString().getBytes(StandardCharsets.UTF_8));
      parts.add(member);
      lineMembers++;
      length += member.length;
      if (m % 3 == 2) {
        int pad = io.accesslog.flume.sink.buffer.ChunkPadding.paddingFor(length, 512);
        parts.add(io.accesslog.flume.sink.buffer.ChunkPadding.member(pad));
        length += pad;
      }
    }
    assertEquals(0, length % 512, "the file ends on a chunk, as the sink leaves it");
    byte[] file = concat(parts);
    isal = true;
    isalMembers = 0;
    try {
      Recorder r = read(file, 0, Long.MAX_VALUE);
      assertEquals(all.toString(), r.text.toString());
      assertEquals(List.of(), r.damages);
      assertEquals(lineMembers, isalMembers, "every member of lines inflated by ISA-L");
    } finally {
      isal = false;
    }
  }
}
