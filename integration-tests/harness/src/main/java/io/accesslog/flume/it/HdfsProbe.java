package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the hdfs-probe client ({@code integration-tests/hdfs-probe}, enabled with {@link
 * FlumeAgent.Builder#hdfsProbe(Path)}) counted in an agent: output streams opened by create and by
 * append, hflush and hsync calls, closes, and the peak number of output streams open at once.
 * {@code complete}: written at JVM exit after every stream closed (else the last periodic
 * snapshot).
 */
public record HdfsProbe(
    long creates,
    long appends,
    long hflushes,
    long hsyncs,
    long closes,
    long peakOpen,
    boolean complete) {

  public static final String FILE_SYSTEM_CLASS = "io.accesslog.flume.probe.ProbedFileSystem";

  public static HdfsProbe read(Path countsFile) {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(countsFile, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no hdfs-probe counts at " + countsFile + " (did the agent open any HDFS output stream?)",
          e);
    }
    return new HdfsProbe(
        number(values, "creates"),
        number(values, "appends"),
        number(values, "hflushes"),
        number(values, "hsyncs"),
        number(values, "closes"),
        number(values, "peakOpen"),
        Boolean.parseBoolean(values.get("final")));
  }

  /** hflush + hsync calls: each one a round trip through the DataNode pipeline. */
  public long syncCalls() {
    return hflushes + hsyncs;
  }

  private static long number(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalStateException("hdfs-probe counts lack " + key + ": " + values);
    }
    return Long.parseLong(value);
  }
}
