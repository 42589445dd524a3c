package io.accesslog.flume.interceptor;

import static io.accesslog.flume.interceptor.TestSupport.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import org.apache.flume.Context;
import org.apache.flume.interceptor.Interceptor;
import org.junit.jupiter.api.Test;

class CounterRegistryTest {
  private static final String SAMPLE_LINE = TestSupport.sampleLineAt(System.currentTimeMillis());
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  private static Interceptor build(String name) {
    Map<String, String> m = new HashMap<>();
    m.put("type", AccessLogInterceptor.Builder.class.getName());
    m.put("name", name);
    m.put("nginx.logFormat", TestSupport.SAMPLE_FORMAT);
    AccessLogInterceptor.Builder b = new AccessLogInterceptor.Builder();
    b.configure(new Context(m));
    return b.build();
  }

  @Test
  void initialize_registersMBeanReadableThroughJmx() throws Exception {
    Interceptor i = build("jmx-test-1");
    i.initialize();
    try {
      i.intercept(event(SAMPLE_LINE, "key", "h"));
      i.intercept(event("junk", "key", "h"));
      assertEquals(2L, server.getAttribute(CounterRegistry.objectName("jmx-test-1"), "EventsIn"));
      assertEquals(
          1L,
          server.getAttribute(CounterRegistry.objectName("jmx-test-1"), "ErrorUnparseableLine"));
      assertEquals(
          "INTERCEPTOR", server.getAttribute(CounterRegistry.objectName("jmx-test-1"), "Type"));
    } finally {
      i.close();
    }
    assertFalse(server.isRegistered(CounterRegistry.objectName("jmx-test-1")));
  }

  @Test
  void sameName_sharesOneGroup_untilLastClose() throws Exception {
    AccessLogInterceptor a = (AccessLogInterceptor) build("jmx-test-2");
    AccessLogInterceptor b = (AccessLogInterceptor) build("jmx-test-2");
    a.initialize();
    b.initialize();
    assertSame(a.counters(), b.counters());
    a.intercept(event(SAMPLE_LINE, "key", "h"));
    b.intercept(event(SAMPLE_LINE, "key", "h"));
    assertEquals(2L, server.getAttribute(CounterRegistry.objectName("jmx-test-2"), "EventsOk"));
    a.close();
    a.close(); // idempotent: must not release b's reference
    assertTrue(server.isRegistered(CounterRegistry.objectName("jmx-test-2")));
    b.close();
    assertFalse(server.isRegistered(CounterRegistry.objectName("jmx-test-2")));
  }

  @Test
  void beforeInitialize_countsLocallyWithoutRegistering() throws Exception {
    AccessLogInterceptor a = (AccessLogInterceptor) build("jmx-test-3");
    a.intercept(event(SAMPLE_LINE, "key", "h"));
    assertEquals(1, a.counters().getEventsOk());
    assertFalse(server.isRegistered(CounterRegistry.objectName("jmx-test-3")));
    a.close();
  }
}
