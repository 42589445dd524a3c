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
 * (KafkaSource, File/MemoryChannel, HDFSEventSink gzip); {@code ours} is
 * {@code flume-conf/storage-agent.properties} (our source, interceptor, MemoryChannel, gzip sink);
 * {@code direct} is {@code flume-conf/direct-agent.properties} (Kafka direct channel with the interceptor on take,
 * gzip sink, no source); {@code source-stock} and {@code source-ours} measure the Kafka source alone (MemoryChannel, null sink). By convention every pipeline names its source {@code kafka},
 * its channel {@code ch} and its sink {@code hdfs}, and reads the same {@code ${env:...}} variables as
 * {@code flume-conf/stock-baseline.properties}.
 */
public record Pipeline(String name, Path configFile, List<String> components, String progressComponent,
    String progressCounter, boolean hdfsOutput) {

  /** A pipeline that ends in HDFS; progress is its sink's committed events. */
  public Pipeline(String name, Path configFile, List<String> components, String sink) {
    this(name, configFile, components, sink, "EventDrainSuccessCount", true);
  }

  /** Every pipeline the harness knows, by name. */
  public static Map<String, Pipeline> all(Path scratch) {
    Map<String, Pipeline> pipelines = new TreeMap<>();
    List<String> stock = List.of("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs");
    pipelines.put("stock-file", new Pipeline("stock-file",
        HarnessPaths.confExamples().resolve("stock-baseline.properties"), stock, "SINK.hdfs"));
    pipelines.put("stock-memory", new Pipeline("stock-memory",
        resource("pipelines/stock-memory.properties", scratch), stock, "SINK.hdfs"));
    pipelines.put("ours", new Pipeline("ours", HarnessPaths.confExamples().resolve("storage-agent.properties"),
        List.of("SOURCE.kafka", "CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog"), "SINK.hdfs"));
    pipelines.put("direct", new Pipeline("direct", HarnessPaths.confExamples().resolve("direct-agent.properties"),
        List.of("CHANNEL.ch", "SINK.hdfs", "INTERCEPTOR.accesslog"), "SINK.hdfs"));
    // Source only: events/s the source commits into a MemoryChannel (its EventAcceptedCount); a null sink (which
    // reports no counters) empties it.
    List<String> sourceOnly = List.of("SOURCE.kafka", "CHANNEL.ch");
    for (String name : List.of("source-stock", "source-ours")) {
      pipelines.put(name, new Pipeline(name, resource("pipelines/" + name + ".properties", scratch), sourceOnly,
          "SOURCE.kafka", "EventAcceptedCount", false));
    }
    return pipelines;
  }

  public static Pipeline named(String name, Path scratch) {
    Pipeline pipeline = all(scratch).get(name.toLowerCase(Locale.ROOT));
    if (pipeline == null) {
      throw new IllegalArgumentException("unknown pipeline '" + name + "'; known: " + all(scratch).keySet());
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
