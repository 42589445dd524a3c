package io.accesslog.flume.it;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (own JVM) and a real HDFS for one test class, started before its first test
 * and stopped after its last: {@code @RegisterExtension static final RealServers servers = new
 * RealServers("name");}
 */
final class RealServers implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private Path work;
  private KafkaBroker kafka;
  private MiniHdfs hdfs;
  private final int separateDataNodes;
  private final java.util.List<DataNodeProcess> dataNodes = new java.util.ArrayList<>();

  RealServers(String name) {
    this(name, 0);
  }

  /** With {@code separateDataNodes} > 0, the DataNodes run in JVMs of their own (signal them). */
  RealServers(String name, int separateDataNodes) {
    this.name = name;
    this.separateDataNodes = separateDataNodes;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    work = HarnessPaths.workDir().resolve(name + "-" + System.currentTimeMillis());
    kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
    if (separateDataNodes == 0) {
      hdfs = MiniHdfs.start(work.resolve("hdfs"));
      return;
    }
    hdfs = MiniHdfs.start(work.resolve("hdfs"), 0);
    for (int i = 0; i < separateDataNodes; i++) {
      dataNodes.add(DataNodeProcess.start(hdfs, work.resolve("datanode-" + i), i));
    }
    hdfs.awaitLiveDataNodes(separateDataNodes, java.time.Duration.ofSeconds(60));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (DataNodeProcess dataNode : dataNodes) {
      dataNode.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  Path work() {
    return work;
  }

  KafkaBroker kafka() {
    return kafka;
  }

  MiniHdfs hdfs() {
    return hdfs;
  }

  /** DataNode {@code index} in its own JVM (only with separate DataNodes). */
  DataNodeProcess dataNode(int index) {
    return dataNodes.get(index);
  }

  /**
   * An agent running {@code flume-conf/<config>} against these servers: reading {@code topic} as
   * consumer group {@code group} and writing under the HDFS path {@code root}, with its files in
   * {@code work()/<name>}.
   */
  FlumeAgent.Builder agent(String config, String name, String topic, String group, String root) {
    return FlumeAgent.builder(HarnessPaths.flumeHome())
        .configFile(HarnessPaths.confExamples().resolve(config))
        .workDir(work.resolve(name))
        .env(kafka.env())
        .env(hdfs.env())
        .hadoopSite(hdfs.clientSite())
        .env("KAFKA_TOPIC", topic)
        .env("KAFKA_GROUP_ID", group)
        .env("HDFS_ROOT", root);
  }
}
