package io.accesslog.flume.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link QueryBenchmark}'s baseline / tool ratios, one per round each (rounds share the machine
 * unevenly, so ratios are taken within a round), summarized as min, median and max. Names sort by a
 * leading digit, which is not printed.
 */
final class RoundRatios {
  private final Map<String, List<Double>> ratios = new TreeMap<>();

  void add(String name, double ratio) {
    ratios.computeIfAbsent(name, k -> new ArrayList<>()).add(ratio);
  }

  void print(int rounds) {
    System.out.println();
    System.out.println(
        "== ratios over " + rounds + " rounds (baseline / tool, each from one round) ==");
    ratios.forEach(
        (k, v) ->
            System.out.printf(
                Locale.ROOT,
                "%-14s min %.1fx  median %.1fx  max %.1fx  %s%n",
                k.substring(2),
                v.stream().mapToDouble(d -> d).min().orElse(0),
                median(v),
                v.stream().mapToDouble(d -> d).max().orElse(0),
                v.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList()));
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
