package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap occupancy from a unified JVM GC log ({@code -Xlog:gc}): the largest "before" figure of
 * any collection line such as {@code Pause Young (Normal) (G1 Evacuation Pause) 230M->41M(1024M)}.
 */
public final class GcLog {
  private static final Pattern BEFORE_AFTER =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private GcLog() {}

  public static long peakHeapBytes(Path gcLog) {
    return peakHeapBytes(lines(gcLog));
  }

  /**
   * The largest heap occupancy left after a collection: an upper bound of the live set, which
   * unlike the "before" peak does not grow just because {@code -Xmx} lets the collector wait
   * longer.
   */
  public static long peakAfterGcBytes(Path gcLog) {
    return peak(lines(gcLog), 3);
  }

  static long peakHeapBytes(List<String> lines) {
    return peak(lines, 1);
  }

  static long peak(List<String> lines, int group) {
    long peak = 0;
    for (String line : lines) {
      Matcher m = BEFORE_AFTER.matcher(line);
      while (m.find()) {
        peak = Math.max(peak, bytes(m.group(group), m.group(group + 1)));
      }
    }
    return peak;
  }

  private static List<String> lines(Path gcLog) {
    try {
      return Files.exists(gcLog) ? Files.readAllLines(gcLog, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long bytes(String value, String unit) {
    long v = Long.parseLong(value);
    return switch (unit) {
      case "K" -> v << 10;
      case "M" -> v << 20;
      default -> v << 30;
    };
  }
}
