package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Collector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Counts matching lines per key, one map per task, summed into {@link #total} at each task's end.
 */
final class GroupCounts {
  final Map<String, Long> total = new HashMap<>();

  Collector collector(BiFunction<LineFields.Parsed, Long, String> keyOf) {
    return new Collector() {
      private final Map<String, long[]> mine = new HashMap<>();

      @Override
      public void line(byte[] b, int off, int len, LineFields.Parsed p, long t) {
        mine.computeIfAbsent(keyOf.apply(p, t), k -> new long[1])[0]++;
      }

      @Override
      public void finish() {
        synchronized (total) {
          mine.forEach((k, c) -> total.merge(k, c[0], Long::sum));
        }
      }
    };
  }
}
