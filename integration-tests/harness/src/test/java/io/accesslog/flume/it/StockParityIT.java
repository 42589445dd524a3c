package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stock keys users copy, in one real agent JVM against a real Kafka broker:
 *
 * <ul>
 *   <li>our source with {@code kafka.topics.regex} (a matching topic created after the agent
 *       started is read too, a non-matching one never) and {@code header.traceId = trace-id} (Kafka
 *       record headers into Flume headers), plus the stock-default {@code timestamp} and {@code
 *       topic} headers;
 *   <li>a stock {@code KafkaChannel} (its default {@code parseAsFlumeEvent = true}, fed by a stock
 *       TAILDIR source with a static interceptor) writes Avro FlumeEvents to a topic, and our
 *       direct channel with {@code parseAsFlumeEvent = true} reads them back: bodies and the stock
 *       headers.
 * </ul>
 *
 * Both flows end in Flume's {@code file_roll} sink with the {@code header_and_text} serializer, so
 * the test reads every event's headers as the agent delivered them. Run on the test's JDK and on
 * Temurin 25 (when installed): our plugins are compiled for Java 8 and must load and run on the
 * newest JDK too.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StockParityIT {
  private static final int PER_TOPIC = 60;
  private static final int TAILED = 40;

  private static Path work;
  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    work = HarnessPaths.workDir().resolve("stock-parity-" + System.currentTimeMillis());
    kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static Stream<Arguments> agentJdks() {
    List<Arguments> jdks = new ArrayList<>();
    jdks.add(Arguments.of("jdk" + Runtime.version().feature(), FlumeAgent.defaultJavaHome()));
    if (Files.isExecutable(FlumeEnvTest.TEMURIN_25.resolve("bin/java"))) {
      jdks.add(Arguments.of("temurin25", FlumeEnvTest.TEMURIN_25));
    }
    return jdks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("agentJdks")
  void regexSourceWithHeaderMapping_andDirectChannelReadingAStockKafkaChannelTopic(
      String label, Path javaHome) throws Exception {
    String prefix = "parity-" + label + "-";
    kafka.createTopic(prefix + "web-a", 2);
    kafka.createTopic(prefix + "other", 1);
    kafka.createTopic(prefix + "stock-channel", 2);
    Path run = Files.createDirectories(work.resolve(label));
    Path srcOut = Files.createDirectories(run.resolve("src-out"));
    Path directOut = Files.createDirectories(run.resolve("direct-out"));
    Path tailed = Files.createDirectories(run.resolve("edge")).resolve("access.log");
    Files.writeString(tailed, "");
    Path config = writeConfig(run, prefix, srcOut, directOut, tailed);

    Map<String, Expected> expected = new TreeMap<>();
    FlumeAgent agent =
        FlumeAgent.builder(HarnessPaths.flumeHome())
            .configFile(config)
            .workDir(run.resolve("agent"))
            .javaHome(javaHome)
            .heap("512m")
            .expect(
                "SOURCE.src",
                "SOURCE.tail",
                "CHANNEL.mem",
                "CHANNEL.stockch",
                "CHANNEL.direct",
                "SINK.srcfiles",
                "SINK.directfiles")
            .start();
    try {
      produce(prefix + "web-a", expected);
      produce(prefix + "other", null);
      // created after start: the regex subscription picks it up (metadata.max.age.ms = 1000 here)
      kafka.createTopic(prefix + "web-b", 1);
      produce(prefix + "web-b", expected);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < TAILED; i++) {
        lines.add("edge line " + i + " GET /p/" + i);
      }
      Files.write(tailed, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

      Duration wait = Duration.ofSeconds(90);
      agent.awaitCounter("SINK.srcfiles", "EventDrainSuccessCount", 2L * PER_TOPIC, wait);
      agent.awaitCounter("SINK.directfiles", "EventDrainSuccessCount", TAILED, wait);
      assertEquals(
          0,
          agent.counter("CHANNEL.direct", "KafkaDecodeErrorCount"),
          "every record of the stock channel's topic decoded as an Avro FlumeEvent");
    } finally {
      agent.stop();
    }

    List<Delivered> fromSource = read(srcOut);
    assertEquals(
        2 * PER_TOPIC,
        fromSource.size(),
        "every record of both matching topics, none "
            + "of the other: "
            + fromSource.stream().map(Delivered::body).toList());
    for (Delivered event : fromSource) {
      Expected want = expected.get(event.body());
      assertTrue(want != null, "unexpected event " + event);
      assertEquals(want.topic(), event.headers().get("topic"), event.toString());
      assertEquals(
          want.traceId(), event.headers().get("traceId"), "header.traceId = trace-id: " + event);
      assertEquals(
          Long.toString(want.timestamp()),
          event.headers().get("timestamp"),
          "timestamp = the record time by default, as stock: " + event);
      assertEquals(want.key(), event.headers().get("key"), event.toString());
    }

    List<Delivered> fromDirect = read(directOut);
    assertEquals(TAILED, fromDirect.size(), "every line the stock KafkaChannel wrote");
    List<String> bodies = new ArrayList<>();
    for (Delivered event : fromDirect) {
      bodies.add(event.body());
      assertEquals(
          "edge-7",
          event.headers().get("origin"),
          "the stock static interceptor's header, from the Avro envelope: " + event);
      assertEquals(
          tailed.toString(), event.headers().get("file"), "TAILDIR's fileHeader: " + event);
      assertEquals(prefix + "stock-channel", event.headers().get("topic"), event.toString());
    }
    assertEquals(
        new java.util.HashSet<>(bodiesOf(TAILED)),
        new java.util.HashSet<>(bodies),
        "the envelope's bodies, not the Avro bytes");
  }

  private static List<String> bodiesOf(int count) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add("edge line " + i + " GET /p/" + i);
    }
    return out;
  }

  record Expected(String topic, String traceId, long timestamp, String key) {}

  record Delivered(Map<String, String> headers, String body) {}

  /** PER_TOPIC records, every third without trace-id; expected == null: they must not arrive. */
  private static void produce(String topic, Map<String, Expected> expected) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    long base = System.currentTimeMillis() - 3_600_000L;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < PER_TOPIC; i++) {
        String body = topic + " line " + i;
        String key = "web" + (i % 3);
        String trace = i % 3 == 0 ? null : "t-" + topic + "-" + i;
        List<Header> headers = new ArrayList<>();
        if (trace != null) {
          headers.add(new RecordHeader("trace-id", trace.getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(new RecordHeader("unmapped", "x".getBytes(StandardCharsets.UTF_8)));
        long timestamp = base + i;
        producer.send(
            new ProducerRecord<>(
                topic, null, timestamp, key, body.getBytes(StandardCharsets.UTF_8), headers));
        if (expected != null) {
          expected.put(body, new Expected(topic, trace, timestamp, key));
        }
      }
      producer.flush();
    }
  }

  /** Events as header_and_text wrote them: {@code {k=v, k2=v2} body}, one per line. */
  private static List<Delivered> read(Path dir) throws IOException {
    List<Delivered> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isEmpty()) {
            continue;
          }
          int end = line.indexOf("} ");
          assertTrue(line.startsWith("{") && end > 0, "not a header_and_text line: " + line);
          Map<String, String> headers = new LinkedHashMap<>();
          String inner = line.substring(1, end);
          for (String pair : inner.isEmpty() ? new String[0] : inner.split(", ")) {
            int eq = pair.indexOf('=');
            headers.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
          events.add(new Delivered(headers, line.substring(end + 2)));
        }
      }
    }
    return events;
  }

  private static Path writeConfig(Path run, String prefix, Path srcOut, Path directOut, Path tailed)
      throws IOException {
    String servers = kafka.bootstrapServers();
    String text =
        String.join(
            "\n",
            "a1.sources = src tail",
            "a1.channels = mem stockch direct",
            "a1.sinks = srcfiles directfiles",
            "",
            "# our source: topics by regex, a Kafka record header mapped",
            "a1.sources.src.type = io.accesslog.flume.source.AccessLogKafkaSource",
            "a1.sources.src.channels = mem",
            "a1.sources.src.kafka.bootstrap.servers = " + servers,
            "a1.sources.src.kafka.topics.regex = " + prefix + "web-.*",
            "a1.sources.src.kafka.consumer.group.id = " + prefix + "src",
            "a1.sources.src.kafka.consumer.metadata.max.age.ms = 1000",
            "a1.sources.src.header.traceId = trace-id",
            "a1.sources.src.batchDurationMillis = 200",
            "a1.channels.mem.type = memory",
            "a1.channels.mem.capacity = 10000",
            "a1.channels.mem.transactionCapacity = 1000",
            "a1.sinks.srcfiles.type = file_roll",
            "a1.sinks.srcfiles.channel = mem",
            "a1.sinks.srcfiles.sink.directory = " + srcOut,
            "a1.sinks.srcfiles.sink.rollInterval = 0",
            "a1.sinks.srcfiles.sink.serializer = header_and_text",
            "",
            "# stock: TAILDIR -> KafkaChannel with its default parseAsFlumeEvent = true (no sink)",
            "a1.sources.tail.type = TAILDIR",
            "a1.sources.tail.channels = stockch",
            "a1.sources.tail.filegroups = f1",
            "a1.sources.tail.filegroups.f1 = " + tailed,
            "a1.sources.tail.positionFile = " + run.resolve("taildir_position.json"),
            "a1.sources.tail.fileHeader = true",
            "a1.sources.tail.interceptors = origin",
            "a1.sources.tail.interceptors.origin.type = static",
            "a1.sources.tail.interceptors.origin.key = origin",
            "a1.sources.tail.interceptors.origin.value = edge-7",
            "a1.channels.stockch.type = org.apache.flume.channel.kafka.KafkaChannel",
            "a1.channels.stockch.kafka.bootstrap.servers = " + servers,
            "a1.channels.stockch.kafka.topic = " + prefix + "stock-channel",
            "a1.channels.stockch.kafka.consumer.group.id = " + prefix + "stock-unused",
            "",
            "# ours: the direct channel reading the stock channel's topic",
            "a1.channels.direct.type = io.accesslog.flume.source.direct.KafkaDirectChannel",
            "a1.channels.direct.kafka.bootstrap.servers = " + servers,
            "a1.channels.direct.kafka.topic = " + prefix + "stock-channel",
            "a1.channels.direct.kafka.consumer.group.id = " + prefix + "direct",
            "a1.channels.direct.parseAsFlumeEvent = true",
            "a1.channels.direct.transactionCapacity = 1000",
            "a1.sinks.directfiles.type = file_roll",
            "a1.sinks.directfiles.channel = direct",
            "a1.sinks.directfiles.sink.directory = " + directOut,
            "a1.sinks.directfiles.sink.rollInterval = 0",
            "a1.sinks.directfiles.sink.serializer = header_and_text",
            "");
    Path conf = Files.createDirectories(run.resolve("conf-src")).resolve("parity.properties");
    Files.writeString(conf, text, StandardCharsets.UTF_8);
    return conf;
  }
}
