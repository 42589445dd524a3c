package io.accesslog.flume.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.accesslog.flume.tool.scan.Scan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
                  byte[] b = out.buffer();
                  System.arraycopy(block, 0, b, 0, block.length);
                  out.release(out.handOver(b, block.length));
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

  /**
   * A reader that does not read (a full pipe) no longer stops the scanning tasks: they hand over
   * the queue's worth of blocks and go on; everything arrives, in order, once it reads again.
   */
  @Test
  void handOver_whileTheReaderIsStuck_returns_andAllArrivesInOrder() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    ByteArrayOutputStream sink =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            try {
              reading.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.write(b, off, len);
          }
        };
    Output out = new Output(sink);
    int blocks = 17; // one taken by the stuck writer, 16 queued
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          for (int i = 0; i < blocks; i++) {
            byte[] b = out.buffer();
            byte[] line = ("block " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(line, 0, b, 0, line.length);
            byte[] next = out.handOver(b, line.length);
            assertEquals(Output.BLOCK, next.length);
            out.release(next);
          }
        },
        "hand-overs blocked on a stuck reader");
    reading.countDown();
    out.flush();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < blocks; i++) {
      expected.append("block ").append(i).append('\n');
    }
    assertEquals(expected.toString(), sink.toString(StandardCharsets.US_ASCII));
  }

  /**
   * A write that fails (| head went away) closes the output: the scan is told at its next block.
   */
  @Test
  void aFailedWrite_closesTheOutput_nextHandOverAndFlushThrow() throws Exception {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("Broken pipe");
          }
        };
    Output out = new Output(broken);
    byte[] b = out.buffer();
    b[0] = '\n';
    out.handOver(b, 1);
    Scan.OutputClosedException e =
        assertThrows(Scan.OutputClosedException.class, out::flush, "flush after a failed write");
    assertEquals("Broken pipe", e.getCause().getMessage());
    assertThrows(Scan.OutputClosedException.class, () -> out.handOver(out.buffer(), 1));
  }
}
