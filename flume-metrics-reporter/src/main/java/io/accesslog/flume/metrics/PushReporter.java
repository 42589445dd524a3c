package io.accesslog.flume.metrics;

import io.accesslog.flume.core.Backoff;
import io.accesslog.flume.core.Clock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Context;
import org.apache.flume.instrumentation.MonitorService;
import org.apache.flume.instrumentation.http.HTTPMetricsServer;
import org.apache.flume.instrumentation.util.JMXPollUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flume {@link MonitorService} that pushes every component's counters to a central collector:
 * {@code -Dflume.monitoring.type=io.accesslog.flume.metrics.PushReporter
 * -Dflume.monitoring.url=http://collector:9099/report} (keys in {@link ReporterSettings}).
 *
 * <p>Design notes. The agent must never wait for the collector: reports are taken and sent on one
 * daemon thread of our own ({@code metrics-reporter}), each POST bounded by connect and read
 * timeouts; while the collector is away, reports queue in a bounded backlog (oldest dropped and
 * counted) and sends back off exponentially. Flume stops the monitor twice at shutdown and makes a
 * new one on every configuration reload: {@link #stop()} is idempotent and bounded, and the unsent
 * backlog and the report count pass from a stopped reporter to the next one in this JVM, so a
 * reload loses no report and the collector sees one unbroken sequence. With {@code httpPort} it
 * also runs Flume's own {@link HTTPMetricsServer}, since Flume runs only one monitor.
 */
public final class PushReporter implements MonitorService {
  private static final Logger LOG = LoggerFactory.getLogger(PushReporter.class);
  private static final String COUNTERS_NAME = "metricsReporter";

  /** What a stopped reporter hands to the next one in this JVM (guarded by the class lock). */
  private static ReportLoop carriedOver;

  private ReporterSettings settings;
  private ScheduledExecutorService thread;
  private ReportLoop loop;
  private ReporterCounters counters;
  private HTTPMetricsServer http;

  @Override
  public void configure(Context context) {
    settings =
        ReporterSettings.parse(
            context, hostName(), agentNameFromCommandLine(System.getProperty("sun.java.command")));
  }

  @Override
  public synchronized void start() {
    if (settings == null) {
      throw new IllegalStateException("PushReporter.start() before configure()");
    }
    if (thread != null) {
      return;
    }
    counters = new ReporterCounters(COUNTERS_NAME);
    counters.start();
    ReportLoop previous = takeCarriedOver();
    ReportBacklog backlog =
        previous == null
            ? new ReportBacklog(settings.backlog)
            : previous.backlog().resized(settings.backlog);
    long reportCount = previous == null ? 0 : previous.reportCount();
    ReportBuilder builder = new ReportBuilder(settings, JMXPollUtil::getAllMBeans);
    loop =
        new ReportLoop(
            builder::build,
            new HttpReportSender(settings.url, settings.timeoutMillis, settings.token),
            new Backoff(settings.intervalMillis, settings.maxBackoffMillis),
            counters,
            Clock.SYSTEM,
            backlog,
            reportCount);
    thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "metrics-reporter");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        this::guardedTick, 0, settings.intervalMillis, TimeUnit.MILLISECONDS);
    if (settings.httpPort > 0) {
      // Flume's own JSON /metrics server (Jetty, in Flume's lib), so pushing costs no one the
      // scrape endpoint.
      http = new HTTPMetricsServer();
      http.configure(
          new Context(
              java.util.Collections.singletonMap(
                  HTTPMetricsServer.CONFIG_PORT, String.valueOf(settings.httpPort))));
      http.start();
      LOG.info(
          "Flume's HTTP /metrics served on port {} by the metrics reporter", settings.httpPort);
    }
    LOG.info(
        "Metrics reporter started: every {} ms to {} as '{}', backlog {}{}",
        settings.intervalMillis,
        settings.url,
        settings.identity,
        settings.backlog,
        previous == null ? "" : " (" + backlog.size() + " unsent reports carried over)");
  }

  /**
   * One exception must not cancel the schedule (a scheduled task that throws is never run again).
   */
  private void guardedTick() {
    try {
      loop.tick();
    } catch (Throwable t) {
      LOG.warn("Metrics reporter: a report failed; trying again next interval", t);
    }
  }

  @Override
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(settings.timeoutMillis * 2L + 1000, TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Metrics reporter thread did not stop within {} ms; leaving it (daemon)",
            settings.timeoutMillis * 2L + 1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (http != null) {
      http.stop();
      http = null;
    }
    counters.stop();
    carryOver(loop);
    LOG.info(
        "Metrics reporter stopped: {} reports sent, {} dropped, {} unsent",
        counters.getReportsSent(),
        counters.getReportsDropped(),
        loop.backlog().size());
    thread = null;
    loop = null;
  }

  private static synchronized void carryOver(ReportLoop stopped) {
    carriedOver = stopped;
  }

  static synchronized ReportLoop takeCarriedOver() {
    ReportLoop previous = carriedOver;
    carriedOver = null;
    return previous;
  }

  /**
   * The {@code -n}/{@code --name} argument of {@code org.apache.flume.node.Application}, else
   * "agent".
   */
  static String agentNameFromCommandLine(String command) {
    if (command != null) {
      String[] words = command.trim().split("\\s+");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].equals("-n") || words[i].equals("--name")) {
          return words[i + 1];
        }
      }
    }
    return "agent";
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
