package io.accesslog.flume.sink.gzip;

import com.intel.gkl.compression.IntelDeflater;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.zip.Deflater;

public final class ScratchLevels {
  public static void main(String[] args) {
    byte[][] files = new byte[24][];
    for (int i = 0; i < 24; i++) {
      files[i] = AccessLogLines.generate(1000 + i, 17 * i, i, 10_000);
    }
    IsalProbe.status();
    byte[] out = new byte[8 << 20];
    for (String kind : new String[] {"jdk", "gkl"}) {
      for (int level : new int[] {1, 2, 3, 4, 5, 6}) {
        Deflater d = kind.equals("jdk") ? new Deflater(level, true) : new IntelDeflater(level, true);
        for (int round = 0; round < 2; round++) {
          long in = 0, o = 0;
          long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          for (byte[] f : files) {
            // members of 1000 lines ~ 1/10 of a file
            int step = f.length / 10;
            for (int s = 0; s < f.length; s += step) {
              int len = Math.min(step, f.length - s);
              d.reset();
              d.setInput(f, s, len);
              d.finish();
              int n = 0;
              while (!d.finished()) {
                n += d.deflate(out, n, out.length - n);
              }
              in += len;
              o += n;
            }
          }
          double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e9;
          if (round == 1) {
            System.out.printf(Locale.ROOT, "%s level %d ratio %.3f CPU-s per M lines %.2f%n", kind, level,
                (double) in / o, cpu / 0.24);
          }
        }
        d.end();
      }
    }
  }
}
