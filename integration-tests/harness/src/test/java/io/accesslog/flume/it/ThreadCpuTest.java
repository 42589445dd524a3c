package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void kinds_ofTheThreadNamesOursAndStockRun() {
    assertEquals("jit", ThreadCpu.kind("C2 CompilerThre"));
    assertEquals("gc", ThreadCpu.kind("GC Thread#1"));
    assertEquals("gc", ThreadCpu.kind("G1 Conc#0"));
    assertEquals("kafka-source", ThreadCpu.kind("ch-kafka-consum"));
    assertEquals("kafka-source", ThreadCpu.kind("PollableSourceR"));
    assertEquals("interceptor", ThreadCpu.kind("ch-prepare"));
    assertEquals("sink", ThreadCpu.kind("SinkRunner-Poll"));
    assertEquals("compress", ThreadCpu.kind("hdfs-compress-2"));
    assertEquals("hdfs-calls", ThreadCpu.kind("hdfs-hdfs-call-"));
    assertEquals("other", ThreadCpu.kind("qtp434437292-2"));
    assertEquals("other", ThreadCpu.kind(null));
  }

  @Test
  void thisJvm_hasThreadsThatUsedCpuInTheWindow() throws Exception {
    ThreadCpu cpu = new ThreadCpu(ProcessHandle.current().pid());
    cpu.startWindow();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long until = mx.getCurrentThreadCpuTime() + 300_000_000L;
    long x = 0;
    while (mx.getCurrentThreadCpuTime() < until) {
      x +=
          Long.toString(x)
              .length(); // 0.3 s of this thread's own CPU, however loaded the machine is
    }
    cpu.sample();
    Map<String, Double> kinds = cpu.byKind();
    double total = kinds.values().stream().mapToDouble(Double::doubleValue).sum();
    assertTrue(total >= 0.2, "busy main thread counted: " + kinds + " " + x);
    assertTrue(cpu.line().startsWith("cpu_by_thread="), cpu.line());
  }
}
