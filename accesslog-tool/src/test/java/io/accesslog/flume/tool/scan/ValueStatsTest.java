package io.accesslog.flume.tool.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class ValueStatsTest {
  /** Nearest rank, independently: sorted values, index ceil(q n) - 1. */
  private static double nearestRank(double[] sorted, double q) {
    int rank = (int) Math.max(1, Math.ceil(q * sorted.length - 1e-9));
    return sorted[rank - 1];
  }

  @Test
  void exact_smallDistinctSet_quantilesAreNearestRank() {
    SplittableRandom r = new SplittableRandom(1);
    ValueStats a = new ValueStats(1_000_000);
    ValueStats b = new ValueStats(1_000_000);
    double[] all = new double[100_001];
    for (int i = 0; i < all.length; i++) {
      double v =
          Math.round(r.nextDouble() * r.nextDouble() * 3000)
              / 1000.0; // request_time-like, ms resolution
      all[i] = v;
      (i % 2 == 0 ? a : b).add(v);
    }
    a.merge(b);
    Arrays.sort(all);
    assertTrue(a.exact());
    assertEquals(all.length, a.count());
    assertEquals(all[0], a.min());
    assertEquals(all[all.length - 1], a.max());
    assertEquals(Arrays.stream(all).sum() / all.length, a.mean(), 1e-9);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
      assertEquals(nearestRank(all, q), a.quantile(q), "q=" + q);
    }
  }

  @Test
  void sketch_manyDistinctValues_rankErrorWithinTheStatedBound() {
    SplittableRandom r = new SplittableRandom(7);
    DoubleSupplier[] distributions = {
      r::nextDouble,
      () -> Math.exp(r.nextGaussian() * 1.5), // log-normal latencies
      () -> 1.0 / Math.pow(1 - r.nextDouble(), 1 / 1.2)
    }; // Pareto, heavy tail
    for (DoubleSupplier d : distributions) {
      int n = 2_000_000;
      double[] all = new double[n];
      ValueStats[] parts = {new ValueStats(1000), new ValueStats(1000), new ValueStats(1000)};
      for (int i = 0; i < n; i++) {
        all[i] = d.getAsDouble();
        parts[i % 3].add(all[i]);
      }
      parts[0].merge(parts[1]);
      parts[0].merge(parts[2]);
      ValueStats s = parts[0];
      assertFalse(s.exact());
      Arrays.sort(all);
      assertEquals(n, s.count());
      assertEquals(all[0], s.min());
      assertEquals(all[n - 1], s.max());
      for (double q : new double[] {0.5, 0.9, 0.99}) {
        double v = s.quantile(q);
        // rank of v among the exact values, as a fraction
        int lo = lowerBound(all, v);
        int hi = upperBound(all, v);
        double rankLo = (double) lo / n;
        double rankHi = (double) hi / n;
        double err = q < rankLo ? rankLo - q : q > rankHi ? q - rankHi : 0;
        double bound = (q == 0.5 ? ValueStats.RANK_ERROR_P50 : ValueStats.RANK_ERROR_TAIL) / 100;
        assertTrue(
            err <= bound,
            "q="
                + q
                + ": rank error "
                + err
                + " > "
                + bound
                + " (value "
                + v
                + ", exact "
                + nearestRank(all, q)
                + ")");
      }
    }
  }

  private static int lowerBound(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && a[i - 1] == v) {
      i--;
    }
    return i;
  }

  private static int upperBound(double[] a, double v) {
    int i = Arrays.binarySearch(a, v);
    if (i < 0) {
      return -i - 1;
    }
    while (i < a.length - 1 && a[i + 1] == v) {
      i++;
    }
    return i + 1;
  }

  @Test
  void exactLimitExceeded_switchesToSketchKeepingCountMinMax() {
    ValueStats s = new ValueStats(10);
    for (int i = 1; i <= 1000; i++) {
      s.add(i);
    }
    assertFalse(s.exact());
    assertEquals(1000, s.count());
    assertEquals(1, s.min());
    assertEquals(1000, s.max());
    assertEquals(500.5, s.mean(), 1e-9);
    assertEquals(900, s.quantile(0.9), 10);
  }
}
