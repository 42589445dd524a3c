package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.accesslog.flume.source.kafka.LagSummary;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AccessLogSourceCounterTest {

  @Test
  void start_registersOneBeanWithStandardAndKafkaAttributes() throws Exception {
    AccessLogSourceCounter counter = new AccessLogSourceCounter("jmx-test");
    counter.start();
    try {
      counter.addToEventAcceptedCount(7);
      counter.kafkaCounts().incrementKafkaCommit();
      TopicPartition p0 = new TopicPartition("weblogs", 0);
      counter.kafkaCounts().setKafkaLag(LagSummary.of(Map.of(p0, 12L), Map.of(p0, 2L)));
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("org.apache.flume.source:type=jmx-test");

      assertEquals(7L, server.getAttribute(name, "EventAcceptedCount"));
      assertEquals(1L, server.getAttribute(name, "KafkaCommitCount"));
      assertEquals(10L, server.getAttribute(name, "KafkaLagMax"));
      assertEquals("weblogs-0=10", server.getAttribute(name, "KafkaLagByPartition"));
    } finally {
      counter.stop();
    }
  }
}
