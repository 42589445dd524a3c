package io.accesslog.flume.sink.buffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The targets the engine holds (buffered or in-flight data, or a file not yet finished), and the
 * questions asked across all of them: which hours are still open, the oldest line not yet durable,
 * the largest buffers. Runner thread only.
 */
final class TargetTable {
  private final Map<FileTarget, TargetFile> files = new HashMap<>();

  TargetFile get(FileTarget target) {
    return files.get(target);
  }

  void put(TargetFile file) {
    files.put(file.target, file);
  }

  void remove(FileTarget target) {
    files.remove(target);
  }

  /** Live view; its iterator may remove. */
  Collection<TargetFile> all() {
    return files.values();
  }

  int size() {
    return files.size();
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  /**
   * Hour starts before {@code limit} of the targets (at most {@code max} of them, lowest first).
   */
  List<Long> openHoursBefore(long limit, int max) {
    TreeSet<Long> hours = new TreeSet<>();
    for (FileTarget t : files.keySet()) {
      if (t.hourStartMillis() < limit) {
        hours.add(t.hourStartMillis());
        if (hours.size() > max) {
          hours.pollLast();
        }
      }
    }
    return new ArrayList<>(hours);
  }

  /**
   * The earliest hour start at or after {@code from} of a target; {@code Long.MAX_VALUE} when none.
   */
  long oldestOpenHour(long from) {
    long oldest = Long.MAX_VALUE;
    for (FileTarget t : files.keySet()) {
      long h = t.hourStartMillis();
      if (h >= from && h < oldest) {
        oldest = h;
      }
    }
    return oldest;
  }

  /** Lowest spool sequence not yet durable in HDFS; {@code Long.MAX_VALUE} when everything is. */
  long oldestUndurableSequence() {
    long oldest = Long.MAX_VALUE;
    for (TargetFile f : files.values()) {
      oldest = Math.min(oldest, f.oldestUndurableSequence());
    }
    return oldest;
  }

  /** Targets whose {@code size} is above 0, largest first. */
  List<TargetFile> largest(ToLongFunction<TargetFile> size) {
    List<TargetFile> candidates = new ArrayList<>();
    for (TargetFile f : files.values()) {
      if (size.applyAsLong(f) > 0) {
        candidates.add(f);
      }
    }
    candidates.sort(Comparator.comparingLong(size).reversed());
    return candidates;
  }
}
