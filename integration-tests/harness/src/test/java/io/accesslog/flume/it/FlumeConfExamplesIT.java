package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every agent config shipped in {@code flume-conf/} starts in a real agent JVM against real Kafka
 * and HDFS with every component it declares running, so no example can rot. (What each one does
 * with data is tested by its own IT: StockPipelineIT, StoragePipelineIT, EdgeAgentIT, ...) New
 * files are picked up without touching this test.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FlumeConfExamplesIT {
  @RegisterExtension static final RealServers SERVERS = new RealServers("conf-examples");

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(HarnessPaths.confExamples())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".properties"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @Test
  void examples_foundInFlumeConf() throws IOException {
    List<String> names = examples().toList();
    assertEquals(
        List.of(
            "edge-agent.properties",
            "storage-direct.properties",
            "storage-source-filechannel.properties"),
        names,
        "the shipped configs (each one is killed under load in ShippedConfigsKillIT)");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void example_startsWithEveryDeclaredComponent(String name) throws IOException {
    Path config = HarnessPaths.confExamples().resolve(name);
    String[] components = declaredComponents(config, "a1");
    assertTrue(components.length >= 2, name + " declares components for agent a1");
    String slug = name.replace(".properties", "");
    Path logs = Files.createDirectories(SERVERS.work().resolve(slug + "-nginx"));
    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(config)
            .workDir(SERVERS.work().resolve(slug))
            .env(SERVERS.kafka().env())
            .env(SERVERS.hdfs().env())
            .hadoopSite(SERVERS.hdfs().clientSite())
            .env("KAFKA_TOPIC", "conf-" + slug)
            .env("KAFKA_GROUP_ID", "conf-" + slug)
            .env("HDFS_ROOT", "/conf-examples/" + slug)
            .env("NGINX_LOG_DIR", logs.toString())
            .expect(components)
            .start();
    try {
      assertTrue(agent.process().isAlive(), name + " agent running");
    } finally {
      agent.stop();
    }
    assertFalse(agent.process().isAlive(), name + " agent stopped on SIGTERM");
  }

  /** {@code SOURCE.x}, {@code CHANNEL.y}, {@code SINK.z} for every name the agent lists. */
  static String[] declaredComponents(Path config, String agent) throws IOException {
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
      props.load(in);
    }
    List<String> components = new ArrayList<>();
    for (String[] kind :
        new String[][] {{"sources", "SOURCE"}, {"channels", "CHANNEL"}, {"sinks", "SINK"}}) {
      String names = props.getProperty(agent + "." + kind[0], "").trim();
      for (String component : names.isEmpty() ? new String[0] : names.split("\\s+")) {
        components.add(kind[1] + "." + component);
      }
    }
    return components.toArray(new String[0]);
  }
}
