package io.accesslog.flume.source.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class DirectChannelCounterTest {

  @Test
  void start_registersOneChannelBeanWithStandardSharedKafkaAndOwnAttributes() throws Exception {
    DirectChannelCounter counter = new DirectChannelCounter("jmx-direct");
    counter.start();
    try {
      counter.setHeld(5, 640, 2);
      counter.kafkaCounts().addKafkaDecodeErrors(3);
      counter.kafkaCounts().incrementKafkaCommitFailure();
      counter.incrementInterceptorFailures();
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("org.apache.flume.channel:type=jmx-direct");

      assertEquals(7L, server.getAttribute(name, "ChannelSize"));
      assertEquals(640L, server.getAttribute(name, "QueuedBytes"));
      assertEquals(2L, server.getAttribute(name, "TakenInFlightCount"));
      assertEquals(3L, server.getAttribute(name, "KafkaDecodeErrorCount"));
      assertEquals(1L, server.getAttribute(name, "KafkaCommitFailureCount"));
      assertEquals(1L, server.getAttribute(name, "InterceptorFailureCount"));
      assertEquals("", server.getAttribute(name, "KafkaLagByPartition"));
    } finally {
      counter.stop();
    }
  }
}
