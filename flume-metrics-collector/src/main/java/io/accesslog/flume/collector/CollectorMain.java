package io.accesslog.flume.collector;

import io.accesslog.flume.core.Clock;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar flume-metrics-collector-VERSION.jar [--port 9099] [--storage-dir DIR] ...}; runs
 * until SIGTERM/Ctrl-C, then writes a last snapshot. Options: {@link CollectorSettings#OPTIONS}.
 */
public final class CollectorMain {
  private CollectorMain() {}

  private static void usage() {
    System.err.println(
        "usage: java -jar flume-metrics-collector.jar [--option value]...; options (default):");
    CollectorSettings.OPTIONS.forEach(
        o -> System.err.println("  --" + o.name() + " (" + o.defaultValue() + "): " + o.doc()));
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (java.util.List.of(args).contains("--help")) {
      usage();
      return;
    }
    CollectorSettings settings;
    try {
      settings = CollectorSettings.fromArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println("flume-metrics-collector: " + e.getMessage());
      usage();
      System.exit(2);
      return;
    }
    CollectorServer server = CollectorServer.start(settings, Clock.SYSTEM);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "collector-shutdown"));
    System.out.println(
        "flume-metrics-collector listening on http://"
            + settings.bind()
            + ":"
            + server.port()
            + "/ (POST /report), storage "
            + settings.storageDir().toAbsolutePath());
    System.out.flush();
    stopped.await();
  }
}
