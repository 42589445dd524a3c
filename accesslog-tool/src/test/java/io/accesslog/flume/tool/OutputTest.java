package io.accesslog.flume.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OutputTest {
  @Test
  void writeLine_aLongLineKeepsItsNewline_whileOtherTasksWriteBlocks() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    Output out = new Output(sink);
    byte[] longLine = new byte[300 * 1024];
    Arrays.fill(longLine, (byte) 'L');
    byte[] block = "s1\ns2\ns3\n".getBytes(StandardCharsets.US_ASCII);
    int rounds = 300;
    CountDownLatch start = new CountDownLatch(1);
    Thread longLines =
        new Thread(
            () -> {
              try {
                start.await();
                for (int i = 0; i < rounds; i++) {
                  out.writeLine(longLine, 0, longLine.length);
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    Thread blocks =
        new Thread(
            () -> {
              try {
                start.await();
                for (int i = 0; i < rounds * 20; i++) {
                  out.write(block, 0, block.length);
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    longLines.start();
    blocks.start();
    start.countDown();
    longLines.join();
    blocks.join();
    out.flush();
    String[] lines = sink.toString(StandardCharsets.US_ASCII).split("\n", -1);
    int longCount = 0;
    int shortCount = 0;
    for (int i = 0; i < lines.length - 1; i++) {
      String l = lines[i];
      if (l.startsWith("L")) {
        assertEquals(longLine.length, l.length(), "line " + i + " is a whole long line");
        longCount++;
      } else {
        assertEquals(2, l.length(), "line " + i + ": " + l.substring(0, Math.min(20, l.length())));
        shortCount++;
      }
    }
    assertEquals("", lines[lines.length - 1]);
    assertEquals(rounds, longCount);
    assertEquals(rounds * 20 * 3, shortCount);
  }
}
