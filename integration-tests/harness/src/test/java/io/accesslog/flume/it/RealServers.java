package io.accesslog.flume.it;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker (own JVM) and a real HDFS for one test class, started before its first test and
 * stopped after its last: {@code @RegisterExtension static final RealServers servers = new RealServers("name");}
 */
final class RealServers implements BeforeAllCallback, AfterAllCallback {
  private final String name;
  private Path work;
  private KafkaBroker kafka;
  private MiniHdfs hdfs;

  RealServers(String name) {
    this.name = name;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    work = HarnessPaths.workDir().resolve(name + "-" + System.currentTimeMillis());
    kafka = KafkaBroker.start(HarnessPaths.kafkaHome(), work.resolve("kafka"));
    hdfs = MiniHdfs.start(work.resolve("hdfs"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
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
}
