package io.accesslog.flume.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real Kafka broker in KRaft combined broker+controller mode, in its own JVM, listening on
 * 127.0.0.1 only. Its classpath is the kafka-home module's {@code libs/}. Restartable on the same
 * ports and log directory (for broker-restart chaos tests).
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final Path kafkaHome;
  private final Path workDir;
  private final int brokerPort;
  private final int controllerPort;
  private JavaProcess process;

  private KafkaBroker(Path kafkaHome, Path workDir, int brokerPort, int controllerPort) {
    this.kafkaHome = kafkaHome;
    this.workDir = workDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats a fresh log directory under {@code workDir} and starts the broker; returns once it
   * serves.
   */
  public static KafkaBroker start(Path kafkaHome, Path workDir) {
    Path libs = kafkaHome.resolve("libs");
    if (!Files.isDirectory(libs)) {
      throw new IllegalStateException(
          "Kafka broker libs not found at "
              + libs
              + ": build integration-tests/kafka-home first (mvn -DskipTests package)");
    }
    KafkaBroker broker =
        new KafkaBroker(kafkaHome, workDir, Ports.freeLoopbackPort(), Ports.freeLoopbackPort());
    broker.writeConfig();
    broker.format();
    broker.startProcess();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public int port() {
    return brokerPort;
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      // Wait until every partition has a leader, so producers never see a metadata gap.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        TopicDescription description;
        try {
          description =
              admin
                  .describeTopics(List.of(topic))
                  .allTopicNames()
                  .get(30, TimeUnit.SECONDS)
                  .get(topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
              || System.nanoTime() > deadline) {
            throw e;
          }
          // the broker's metadata does not list the new topic yet
          Thread.sleep(100);
          continue;
        }
        if (description.partitions().size() == partitions
            && description.partitions().stream().allMatch(p -> p.leader() != null)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "topic " + topic + " has partitions without a leader: " + description);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create topic " + topic + " on " + bootstrapServers(), e);
    }
  }

  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    return Admin.create(props);
  }

  /** Graceful stop (SIGTERM); the log directory is kept so {@link #restart()} resumes it. */
  public void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(60));
      process = null;
    }
  }

  /** Starts the broker again on the same ports and data (after {@link #stop()}). */
  public void restart() {
    stop();
    startProcess();
  }

  public JavaProcess process() {
    return process;
  }

  @Override
  public void close() {
    stop();
  }

  private void writeConfig() {
    String controller = "127.0.0.1:" + controllerPort;
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@" + controller,
            "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://" + controller,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + workDir.resolve("data"),
            "num.partitions=4",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            // Generated event times may be hours old: never let retention delete test data.
            "log.retention.ms=-1",
            "log.segment.bytes=268435456",
            "auto.create.topics.enable=false",
            "");
    String log4j =
        String.join(
            "\n",
            "log4j.rootLogger=INFO, file",
            "log4j.appender.file=org.apache.log4j.FileAppender",
            "log4j.appender.file.File=" + workDir.resolve("broker-log4j.log"),
            "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n",
            "log4j.logger.kafka=INFO",
            "log4j.logger.org.apache.kafka=INFO",
            "log4j.logger.state.change.logger=WARN",
            "log4j.logger.kafka.request.logger=WARN",
            "");
    try {
      Files.createDirectories(workDir);
      Files.writeString(workDir.resolve("server.properties"), config, StandardCharsets.UTF_8);
      Files.writeString(workDir.resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Kafka broker config in " + workDir, e);
    }
  }

  private JavaProcess.Builder jvm(String name) {
    return JavaProcess.builder(name)
        .classpath(kafkaHome.resolve("libs").toAbsolutePath() + "/*")
        .jvmArg("-Xmx512m")
        .jvmArg("-Xms128m")
        .jvmArg("-Djava.net.preferIPv4Stack=true")
        .jvmArg("-Dlog4j.configuration=file:" + workDir.resolve("log4j.properties"))
        .jvmArg("-Dkafka.logs.dir=" + workDir.resolve("logs"))
        .workDir(workDir);
  }

  private void format() {
    JavaProcess tool =
        jvm("kafka-storage format")
            .mainClass("kafka.tools.StorageTool")
            .args(
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                workDir.resolve("server.properties").toString())
            .logFile(workDir.resolve("storage-format.log"))
            .start();
    int exit = tool.awaitExit(Duration.ofSeconds(60));
    if (exit != 0) {
      throw new IllegalStateException(
          "kafka-storage format failed (exit " + exit + "):\n" + tool.logTail(40));
    }
  }

  private void startProcess() {
    Ports.requireFree(brokerPort, "Kafka broker");
    Ports.requireFree(controllerPort, "Kafka KRaft controller");
    process =
        jvm("Kafka broker 127.0.0.1:" + brokerPort)
            .mainClass("kafka.Kafka")
            .args(workDir.resolve("server.properties").toString())
            .logFile(workDir.resolve("broker.out"))
            .start();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      process.requireAlive("starting up");
      try (Admin admin = admin()) {
        if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for the Kafka broker", e);
      }
      sleepQuietly(250);
    }
    String tail = process.logTail(40);
    process.kill();
    throw new IllegalStateException(
        "Kafka broker did not come up on "
            + bootstrapServers()
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s (last error: "
            + last
            + "); broker log:\n"
            + tail);
  }

  static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Environment a Flume config needs to reach this broker (see flume-conf/*.properties). */
  public Map<String, String> env() {
    return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
  }
}
