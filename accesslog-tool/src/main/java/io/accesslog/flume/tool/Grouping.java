package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Question;
import io.accesslog.flume.tool.select.TimeArg;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --by FIELD} and {@code --every DURATION}: the group a matching line counts in. */
final class Grouping {
  @Option(names = "--by", paramLabel = "FIELD", description = "One result per value of this field.")
  String by;

  @Option(
      names = "--every",
      paramLabel = "DURATION",
      description =
          "One result per time bucket of the line's own time: 30s, 1m, 5m, 1h, 1d (aligned to the epoch).")
  String every;

  private long everyMillis;
  private int byIndex = -1;

  List<String> fields() {
    List<String> f = new ArrayList<>();
    if (by != null) {
      f.add(by);
    }
    return f;
  }

  boolean needsTime() {
    return every != null;
  }

  void bind(Question q) {
    if (every != null) {
      everyMillis = TimeArg.duration("--every", every).toMillis();
    }
    if (by != null) {
      byIndex = q.fieldIndex(by);
    }
  }

  boolean grouped() {
    return by != null || every != null;
  }

  /** The group key of a line: {@code <bucket millis>\u0000<by value>}. */
  String key(LineFields.Parsed p, long timeMillis) {
    if (!grouped()) {
      return "";
    }
    String bucket =
        every == null ? "" : Long.toString(Math.floorDiv(timeMillis, everyMillis) * everyMillis);
    String value = by == null ? "" : valueOf(p.string(byIndex));
    return bucket + "\u0000" + value;
  }

  static String valueOf(String raw) {
    return raw == null ? "-" : raw;
  }

  /** Column headers for the key parts. */
  List<String> headers() {
    List<String> h = new ArrayList<>();
    if (every != null) {
      h.add("time");
    }
    if (by != null) {
      h.add(by);
    }
    return h;
  }

  /** The key's parts for output. */
  List<String> parts(String key) {
    List<String> out = new ArrayList<>();
    if (!grouped()) {
      return out;
    }
    int z = key.indexOf('\u0000');
    if (every != null) {
      out.add(Instant.ofEpochMilli(Long.parseLong(key.substring(0, z))).toString());
    }
    if (by != null) {
      out.add(key.substring(z + 1));
    }
    return out;
  }

  long bucket(String key) {
    int z = key.indexOf('\u0000');
    return every == null || z <= 0 ? 0 : Long.parseLong(key.substring(0, z));
  }
}
