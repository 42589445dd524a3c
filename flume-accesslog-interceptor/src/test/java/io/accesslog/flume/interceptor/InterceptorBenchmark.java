package io.accesslog.flume.interceptor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flume.Event;

/**
 * Single-threaded throughput of {@link AccessLogInterceptor#intercept(Event)}, i.e. lines/s per
 * core, for nginx and JSON lines. Not a unit test (no timing assertions): run it by hand, see the
 * module README:
 *
 * <pre>
 * mvn -B -q -pl flume-accesslog-interceptor test-compile \
 *   org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *   -Dexec.mainClass=io.accesslog.flume.interceptor.InterceptorBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>Each scenario uses 16,384 distinct lines (seconds advance every 50 lines, 64 hosts, varying
 * paths), warms up for 3 s, then reports the median (and range) of 5 rounds of 2 s, per CPU-second
 * of the benchmark thread and per wall-clock second.
 */
public final class InterceptorBenchmark {
  private static final int LINES = 16_384;
  private static final long START = Instant.parse("2026-11-22T13:00:00Z").toEpochMilli();
  private static volatile Object sink;

  private InterceptorBenchmark() {}

  public static void main(String[] args) {
    run(
        "nginx sample format: time_local + app=field:host + host=header:key",
        TestSupport.settings(),
        nginxLines(true));
    run(
        "nginx combined: time_local + app=static + host=header:key",
        TestSupport.settings("nginx.logFormat", "combined", "app.from", "static:web"),
        nginxLines(false));
    run(
        "nginx combined: time_local + app=map:header:topic + host=header:key",
        TestSupport.settings(
            "nginx.logFormat",
            "combined",
            "app.from",
            "map:header:topic",
            "app.map.logs-shop",
            "shop",
            "app.mapDefault",
            "other"),
        nginxLines(false));
    run(
        "json: iso8601 + app=field:app + host=field:host",
        TestSupport.settings(
            "format",
            "json",
            "time.field",
            "time",
            "time.format",
            "iso8601",
            "app.from",
            "field:app",
            "host.from",
            "field:host"),
        jsonLines());
  }

  private static void run(String name, InterceptorSettings settings, List<Event> events) {
    TestSupport.FakeClock clock = new TestSupport.FakeClock(START + 1_800_000);
    AccessLogInterceptor interceptor = new AccessLogInterceptor(settings, clock);
    measure(interceptor, events, 3_000); // warm-up
    double[][] rates = new double[2][5];
    for (int r = 0; r < 5; r++) {
      double[] m = measure(interceptor, events, 2_000);
      rates[0][r] = m[0];
      rates[1][r] = m[1];
    }
    java.util.Arrays.sort(rates[0]);
    java.util.Arrays.sort(rates[1]);
    InterceptorCounters c = interceptor.counters();
    System.out.printf(
        Locale.ROOT,
        "%-66s %,10.0f lines/cpu-s (%,.0f..%,.0f) %,10.0f lines/wall-s  errors=%d%n",
        name,
        rates[1][2],
        rates[1][0],
        rates[1][4],
        rates[0][2],
        c.getEventsRouted());
  }

  /**
   * Returns {lines per wall-clock second, lines per CPU-second of this thread}. The CPU figure is
   * the per-core rate even on a busy machine, where other processes steal wall-clock time.
   */
  private static double[] measure(
      AccessLogInterceptor interceptor, List<Event> events, long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long lines = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    long now;
    do {
      for (int i = 0; i < events.size(); i++) {
        sink = interceptor.intercept(events.get(i));
      }
      lines += events.size();
      now = System.nanoTime();
    } while (now < deadline);
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    return new double[] {lines * 1e9 / (now - start), lines * 1e9 / cpu};
  }

  private static String timeLocal(long millis) {
    return DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
        .format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.ofHours(8)));
  }

  private static List<Event> nginxLines(boolean sampleFormat) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      String line =
          "10.1."
              + (i % 200)
              + "."
              + (i % 250)
              + " - - ["
              + timeLocal(START + i / 50 * 1000L)
              + "] \"GET /api/v1/items/"
              + i
              + " HTTP/1.1\" 200 "
              + (1000 + i % 9000)
              + " \"https://app"
              + (i % 64)
              + ".example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
      if (sampleFormat) {
        line += " 0.012 0.010 app" + (i % 64) + ".example.com 00000003000000000042abcdef0" + i;
      }
      events.add(
          TestSupport.event(
              line,
              "key",
              "web-" + (i % 64) + ".dc1",
              "topic",
              i % 2 == 0 ? "logs-shop" : "logs-x"));
    }
    return events;
  }

  private static List<Event> jsonLines() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      String time =
          Instant.ofEpochMilli(START + i / 50 * 1000L).atOffset(ZoneOffset.ofHours(8)).toString();
      String line =
          "{\"time\":\""
              + time
              + "\",\"remote_addr\":\"10.1.2."
              + (i % 250)
              + "\",\"request\":\"GET /api/v1/items/"
              + i
              + " HTTP/1.1\",\"status\":200,"
              + "\"body_bytes_sent\":"
              + (1000 + i % 9000)
              + ",\"http_user_agent\":"
              + "\"Mozilla/5.0 (X11; Linux x86_64)\",\"request_time\":0.012,"
              + "\"app\":\"app"
              + (i % 64)
              + ".example.com\",\"host\":\"web-"
              + (i % 64)
              + ".dc1\"}";
      events.add(TestSupport.event(line));
    }
    return events;
  }
}
