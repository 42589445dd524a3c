package io.accesslog.flume.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named agent configuration the benchmark and the demo can run: where its properties file is and
 * which components it must bring up. {@code stock-file} and {@code stock-memory} are stock Flume
 * (KafkaSource, File/MemoryChannel, HDFSEventSink gzip; harness resources, not shipped); {@code
 * ours} is the default, {@code flume-conf/storage-direct.properties} (Kafka direct channel with the
 * interceptor ahead of take, gzip sink, no source); {@code ours-filechannel} is {@code
 * flume-conf/storage-source-filechannel.properties} (our source, interceptor, FileChannel, gzip
 * sink); {@code ours-memory} is the same with a MemoryChannel (the "ours" of 0.1, not shipped: a
 * crash loses what the channel holds); {@code ours-jdk6} and {@code ours-jdk4} are {@code ours} at
 * zlib levels 6 and 4 (JDK Deflater); {@code source-stock} and {@code source-ours} measure the
 * Kafka source alone (MemoryChannel, null sink). By convention every pipeline names its source
 * {@code kafka}, its channel {@code ch} and its sink {@code hdfs}, and reads the same {@code
 * ${env:...}} variables.
 */
public record Pipeline(
    String name,
    Path configFile,
    List<String> components,
    String progressComponent,
    String progressCounter,
    boolean hdfsOutput,
    Map<String, String> overrides) {

  /** A pipeline that ends in HDFS; progress is its sink's committed events. */
  public Pipeline(String name, Path configFile, List<String> components, String sink) {
    this(name, configFile, components, sink, "EventDrainSuccessCount", true, Map.of());
  }

  /** The same with properties appended to the config for this pipeline. */
  public Pipeline(
      String name,
      Path configFile,
      List<String> components,
      String sink,
      Map<String, String> overrides) {
    this(name, configFile, components, sink, "EventDrainSuccessCount", true, overrides);
  }

  public Pipeline(
      String name,
      Path configFile,
      List<String> components,
      String progressComponent,
      String progressCounter,
      boolean hdfsOutput) {
    this(name, configFile, components, progressComponent, progressCounter, hdfsOutput, Map.of());
  }

  /** The component whose counter measures progress (the sink, for pipelines that end in HDFS). */
  public String sink() {
    return progressComponent;
  }

  /** Stock Flume components only (none of ours). */
  public boolean isStock() {
    return name.startsWith("stock") || name.equals("source-stock");
  }

  /** Every pipeline the harness knows, by name. */
  public static Map<String, Pipeline> all(Path scratch) {
    Map<String, Pipeline> pipelines = new TreeMap<>();
    List<String> stock = List.of("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs");
    pipelines.put(
        "stock-file",
        new Pipeline(
            "stock-file",
            resource("pipelines/stock-file.properties", scratch),
            stock,
            "SINK.hdfs"));
    pipelines.put(
        "stock-memory",
        new Pipeline(
            "stock-memory",
            resource("pipelines/stock-memory.properties", scratch),
            stock,
            "SINK.hdfs"));
    Path direct = HarnessPaths.confExamples().resolve("storage-direct.properties");
    List<String> oneHop = List.of("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog");
    pipelines.put("ours", new Pipeline("ours", direct, oneHop, "SINK.hdfs"));
    List<String> twoHop =
        List.of("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog");
    pipelines.put(
        "ours-filechannel",
        new Pipeline(
            "ours-filechannel",
            HarnessPaths.confExamples().resolve("storage-source-filechannel.properties"),
            twoHop,
            "SINK.hdfs"));
    pipelines.put(
        "ours-memory",
        new Pipeline(
            "ours-memory",
            resource("pipelines/ours-memory.properties", scratch),
            twoHop,
            "SINK.hdfs"));
    // The sink issue's comparison: stock source and channel, only the sink is ours.
    pipelines.put(
        "ours-sink",
        new Pipeline(
            "ours-sink", resource("pipelines/ours-sink.properties", scratch), stock, "SINK.hdfs"));
    // The same with stock's compression level (zlib 6 through the JDK): smaller files for more CPU.
    pipelines.put(
        "ours-jdk6",
        new Pipeline(
            "ours-jdk6",
            direct,
            oneHop,
            "SINK.hdfs",
            Map.of(
                "a1.sinks.hdfs.compression.codec", "jdk", "a1.sinks.hdfs.compression.level", "6")));
    // The lowest level whose files are no larger than stock's (zlib 4; ISA-L levels 1-2 and zlib 3
    // are not).
    pipelines.put(
        "ours-jdk4",
        new Pipeline(
            "ours-jdk4",
            direct,
            oneHop,
            "SINK.hdfs",
            Map.of(
                "a1.sinks.hdfs.compression.codec", "jdk", "a1.sinks.hdfs.compression.level", "4")));
    // Source only: events/s the source commits into a MemoryChannel (its EventAcceptedCount); a
    // null sink (which
    // reports no counters) empties it.
    List<String> sourceOnly = List.of("SOURCE.kafka", "CHANNEL.ch");
    for (String name : List.of("source-stock", "source-ours")) {
      pipelines.put(
          name,
          new Pipeline(
              name,
              resource("pipelines/" + name + ".properties", scratch),
              sourceOnly,
              "SOURCE.kafka",
              "EventAcceptedCount",
              false));
    }
    return pipelines;
  }

  /**
   * The CPUs the agent is pinned to ({@code taskset -c}), from a name like {@code stock-memory@0};
   * null: not pinned.
   */
  public String cpus() {
    int at = name.indexOf('@');
    return at < 0 ? null : name.substring(at + 1);
  }

  /**
   * A known pipeline by name; {@code NAME@CPUS} (e.g. {@code stock-memory@0}) is that pipeline with
   * its agent pinned to those CPUs, under that name.
   */
  public static Pipeline named(String name, Path scratch) {
    int at = name.indexOf('@');
    if (at > 0) {
      String cpus = name.substring(at + 1);
      if (!cpus.matches("[0-9]+([-,][0-9]+)*")) {
        throw new IllegalArgumentException(
            "pipeline '" + name + "': after @ a CPU list as taskset -c takes it (0, 0-1, 0,2)");
      }
      Pipeline base = named(name.substring(0, at), scratch);
      return new Pipeline(
          base.name() + "@" + cpus,
          base.configFile(),
          base.components(),
          base.progressComponent(),
          base.progressCounter(),
          base.hdfsOutput(),
          base.overrides());
    }
    Pipeline pipeline = all(scratch).get(name.toLowerCase(Locale.ROOT));
    if (pipeline == null) {
      throw new IllegalArgumentException(
          "unknown pipeline '" + name + "'; known: " + all(scratch).keySet());
    }
    return pipeline;
  }

  private static Path resource(String name, Path scratch) {
    Path target = scratch.resolve(name);
    try (InputStream in = Pipeline.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the harness jar");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
