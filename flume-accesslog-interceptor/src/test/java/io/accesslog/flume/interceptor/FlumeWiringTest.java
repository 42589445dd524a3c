package io.accesslog.flume.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Channel;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.channel.ChannelProcessor;
import org.apache.flume.channel.MemoryChannel;
import org.apache.flume.channel.ReplicatingChannelSelector;
import org.apache.flume.conf.Configurables;
import org.junit.jupiter.api.Test;

/** The interceptor as Flume loads it: by Builder class name from source properties. */
class FlumeWiringTest {
  @Test
  void channelProcessor_loadsBuilderByName_andEventReachesChannelWithHeaders() {
    Channel channel = new MemoryChannel();
    channel.setName("ch");
    Configurables.configure(channel, new Context());
    channel.start();
    ReplicatingChannelSelector selector = new ReplicatingChannelSelector();
    selector.setChannels(Collections.singletonList(channel));
    ChannelProcessor processor = new ChannelProcessor(selector);
    Context ctx = new Context();
    ctx.put("interceptors", "al");
    ctx.put("interceptors.al.type", "io.accesslog.flume.interceptor.AccessLogInterceptor$Builder");
    ctx.put("interceptors.al.name", "wiring-test");
    ctx.put("interceptors.al.nginx.logFormat", TestSupport.SAMPLE_FORMAT);
    processor.configure(ctx);
    processor.initialize();
    try {
      // Loaded by name, the interceptor reads the system clock: the line is dated now (whole
      // seconds), so it is
      // inside time.maxAge / time.maxSkew on any day the test runs.
      long now = System.currentTimeMillis() / 1000 * 1000;
      processor.processEvent(TestSupport.event(TestSupport.sampleLineAt(now), "key", "web-1"));
      Transaction tx = channel.getTransaction();
      tx.begin();
      Event e = channel.take();
      tx.commit();
      tx.close();
      assertEquals(Long.toString(now), e.getHeaders().get("timestamp"));
      assertEquals("app0042.example.com", e.getHeaders().get("app"));
      assertEquals("web-1", e.getHeaders().get("host"));
      assertNull(e.getHeaders().get("error"));
    } finally {
      processor.close();
      channel.stop();
    }
  }

  @Test
  void intercept_concurrentCallers_countEveryEventOnce() throws Exception {
    AccessLogInterceptor interceptor =
        new AccessLogInterceptor(
            TestSupport.settings(), new TestSupport.FakeClock(TestSupport.SAMPLE_MILLIS));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int id = t;
        tasks.add(
            () -> {
              int ok = 0;
              for (int i = 0; i < 5_000; i++) {
                String line =
                    i % 3 == 0
                        ? "junk"
                        : TestSupport.SAMPLE_LINE.replace(":36 ", ":" + (10 + i % 50) + " ");
                Event e = interceptor.intercept(TestSupport.event(line, "key", "w" + id));
                if (e.getHeaders().get("error") == null) {
                  ok++;
                  assertEquals("w" + id, e.getHeaders().get("host"));
                }
              }
              return ok;
            });
      }
      int ok = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        ok += f.get();
      }
      assertEquals(4 * 5_000, interceptor.counters().getEventsIn());
      assertEquals(ok, interceptor.counters().getEventsOk());
      assertEquals(4 * 5_000 - ok, interceptor.counters().getErrorUnparseableLine());
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
