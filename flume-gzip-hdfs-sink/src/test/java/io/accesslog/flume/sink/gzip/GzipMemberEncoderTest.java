package io.accesslog.flume.sink.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.accesslog.flume.core.GrowableBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.GzipCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GzipMemberEncoderTest {

  private static final String BACKENDS = "io.accesslog.flume.sink.gzip.TestBackends#all";

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_oneBufferOfLines_decodesToTheLinesWithMatchingTrailer(String backend, int level)
      throws DataFormatException {
    byte[] lines = AccessLogLines.generate(1, 42, 13, 1000);
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      int length = encoder.encode(lines, 0, lines.length, out);
      assertEquals(out.size(), length);
    }

    List<GzipTestDecoder.Member> members = GzipTestDecoder.decode(out.toByteArray());

    assertEquals(1, members.size());
    GzipTestDecoder.Member m = members.get(0);
    assertArrayEquals(lines, m.data());
    assertEquals(crc32(lines), m.crc32());
    assertEquals(lines.length, m.isize());
    assertTrue(
        m.length() < lines.length / 3,
        "access lines compress at least 3x, got " + m.length() + " from " + lines.length);
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_header_isTheTenByteFormWithoutOptionalFields(String backend, int level)
      throws DataFormatException {
    byte[] lines = "a line\n".getBytes(StandardCharsets.US_ASCII);
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      encoder.encode(lines, 0, lines.length, out);
    }
    byte[] member = out.toByteArray();

    assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, Arrays.copyOf(member, 8));
    GzipTestDecoder.Member m = GzipTestDecoder.decode(member).get(0);
    assertEquals(level == 1 ? 4 : level == 9 ? 2 : 0, m.xfl());
    assertEquals(255, m.os());
    assertEquals(0, m.mtime());
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_manyMembersInOneBuffer_decodeMemberByMemberToEachInput(String backend, int level)
      throws DataFormatException {
    byte[][] inputs = new byte[30][];
    GrowableBytes out = new GrowableBytes(1024);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      for (int i = 0; i < inputs.length; i++) {
        // Sizes from one line to 5,000 lines, so the reused scratch arrays shrink and grow.
        int lines = i % 3 == 0 ? 1 : i % 3 == 1 ? 5000 : 100 + i;
        inputs[i] = AccessLogLines.generate(i, i, 7, lines);
        encoder.encode(inputs[i], 0, inputs[i].length, out);
      }
    }

    List<GzipTestDecoder.Member> members = GzipTestDecoder.decode(out.toByteArray());

    assertEquals(inputs.length, members.size());
    for (int i = 0; i < inputs.length; i++) {
      assertArrayEquals(inputs[i], members.get(i).data(), "member " + i);
      assertEquals(crc32(inputs[i]), members.get(i).crc32(), "crc of member " + i);
      assertEquals(inputs[i].length, members.get(i).isize(), "isize of member " + i);
    }
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_concatenatedMembers_gzipCliDecodesTheWholeFile(String backend, int level)
      throws Exception {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Path file = tmp.resolve("part.gz");
    writeFileOfMembers(backend, level, 20, expected, file);

    Process gzip = new ProcessBuilder("gzip", "-dc", file.toString()).start();
    byte[] stdout;
    byte[] stderr;
    try (InputStream o = gzip.getInputStream();
        InputStream e = gzip.getErrorStream()) {
      stdout = o.readAllBytes();
      stderr = e.readAllBytes();
    }
    assertTrue(gzip.waitFor(30, TimeUnit.SECONDS), "gzip -dc did not exit");

    assertEquals(0, gzip.exitValue(), new String(stderr, StandardCharsets.UTF_8));
    assertEquals("", new String(stderr, StandardCharsets.UTF_8));
    assertArrayEquals(expected.toByteArray(), stdout);
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_concatenatedMembers_hadoopGzipCodecReadsTheWholeFile(String backend, int level)
      throws Exception {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    Path file = tmp.resolve("part.gz");
    writeFileOfMembers(backend, level, 20, expected, file);
    GzipCodec codec = new GzipCodec();
    codec.setConf(new Configuration(false));

    byte[] read;
    try (InputStream in = codec.createInputStream(Files.newInputStream(file))) {
      read = in.readAllBytes();
    }

    assertArrayEquals(expected.toByteArray(), read);
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_incompressibleInput_decodesToTheInput(String backend, int level)
      throws DataFormatException {
    byte[] random = new byte[300_000];
    new Random(7).nextBytes(random);
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      encoder.encode(random, 0, random.length, out);
    }

    assertArrayEquals(random, GzipTestDecoder.decodeAll(out.toByteArray()));
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_sliceAtNonZeroOffset_encodesOnlyTheSlice(String backend, int level)
      throws DataFormatException {
    byte[] lines = AccessLogLines.generate(3, 3, 3, 300);
    int off = 1234;
    int len = 20_000;
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      encoder.encode(lines, off, len, out);
    }

    assertArrayEquals(
        Arrays.copyOfRange(lines, off, off + len), GzipTestDecoder.decodeAll(out.toByteArray()));
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void encode_growableInput_encodesItsContentAndKeepsIt(String backend, int level)
      throws DataFormatException {
    byte[] lines = AccessLogLines.generate(4, 4, 4, 50);
    GrowableBytes in = new GrowableBytes(lines.length * 2);
    in.append(lines, 0, lines.length);
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      encoder.encode(in, out);
    }

    assertArrayEquals(lines, GzipTestDecoder.decodeAll(out.toByteArray()));
    assertArrayEquals(lines, in.toByteArray());
  }

  @Test
  void encode_outputAlreadyHoldsMembers_appendsAfterThem() throws DataFormatException {
    byte[] first = "first\n".getBytes(StandardCharsets.US_ASCII);
    byte[] second = "second\n".getBytes(StandardCharsets.US_ASCII);
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder("jdk", 1)) {
      int firstLength = encoder.encode(first, 0, first.length, out);
      byte[] before = out.toByteArray();
      int secondLength = encoder.encode(second, 0, second.length, out);

      assertEquals(firstLength + secondLength, out.size());
      assertArrayEquals(before, Arrays.copyOf(out.toByteArray(), firstLength));
    }
    assertArrayEquals(
        "first\nsecond\n".getBytes(StandardCharsets.US_ASCII),
        GzipTestDecoder.decodeAll(out.toByteArray()));
  }

  @Test
  void encode_emptyInput_throwsAndLeavesOutputUnchanged() {
    GrowableBytes out = new GrowableBytes(0);
    out.append(7);
    try (GzipMemberEncoder encoder = TestBackends.encoder("jdk", 1)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> encoder.encode(new byte[10], 3, 0, out));
      assertTrue(e.getMessage().contains("empty input"), e.getMessage());
    }
    assertArrayEquals(new byte[] {7}, out.toByteArray());
  }

  @Test
  void encode_rangeOutsideTheArray_throwsIndexOutOfBounds() {
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder("jdk", 1)) {
      assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(new byte[10], 5, 6, out));
    }
    assertEquals(0, out.size());
  }

  @Test
  void encode_backendFails_truncatesThePartialMember() {
    GrowableBytes out = new GrowableBytes(0);
    out.append(1);
    out.append(2);
    GzipMemberEncoder encoder = new GzipMemberEncoder(new FailingBackend());
    byte[] lines = "x\n".getBytes(StandardCharsets.US_ASCII);

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> encoder.encode(lines, 0, lines.length, out));

    assertEquals("scripted failure", e.getMessage());
    assertArrayEquals(new byte[] {1, 2}, out.toByteArray());
  }

  @Test
  void close_calledTwice_endsTheBackendOnceAndLaterEncodesThrow() {
    FailingBackend backend = new FailingBackend();
    GzipMemberEncoder encoder = new GzipMemberEncoder(backend);

    encoder.close();
    encoder.close();

    assertEquals(1, backend.ends);
    assertThrows(
        IllegalStateException.class,
        () -> encoder.encode(new byte[] {'x'}, 0, 1, new GrowableBytes(0)));
  }

  @ParameterizedTest(name = "{0} level {1}")
  @MethodSource(BACKENDS)
  void backendName_reportsTheBackendInUse(String backend, int level) {
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      assertEquals(backend, encoder.backendName());
      assertEquals(level, encoder.level());
    }
  }

  private static void writeFileOfMembers(
      String backend, int level, int members, ByteArrayOutputStream expected, Path file)
      throws IOException {
    GrowableBytes out = new GrowableBytes(0);
    try (GzipMemberEncoder encoder = TestBackends.encoder(backend, level)) {
      for (int i = 0; i < members; i++) {
        byte[] lines = AccessLogLines.generate(100 + i, 9, 11, 200 + 50 * i);
        expected.writeBytes(lines);
        encoder.encode(lines, 0, lines.length, out);
      }
    }
    try (var os = Files.newOutputStream(file)) {
      out.writeTo(os);
    }
  }

  private static int crc32(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return (int) crc.getValue();
  }

  /** Writes a few bytes, then fails: the encoder must not leave them behind. */
  private static final class FailingBackend implements DeflateBackend {
    int ends;

    @Override
    public String name() {
      return "failing";
    }

    @Override
    public int level() {
      return 1;
    }

    @Override
    public void deflate(byte[] in, int off, int len, GrowableBytes out) {
      out.append(0x55);
      throw new IllegalStateException("scripted failure");
    }

    @Override
    public void end() {
      ends++;
    }
  }
}
