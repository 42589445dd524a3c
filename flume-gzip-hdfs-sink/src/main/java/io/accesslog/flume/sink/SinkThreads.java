package io.accesslog.flume.sink;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's own threads: named daemon threads, and a shutdown that waits with a bound and a
 * warning.
 */
final class SinkThreads {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);
  private static final long SHUTDOWN_WAIT_SECONDS = 30;

  private SinkThreads() {}

  /** A fixed pool of {@code threads} named {@code <prefix>-1}, {@code <prefix>-2}, ... */
  static ExecutorService pool(String prefix, int threads) {
    final AtomicInteger number = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        runnable -> daemon(runnable, prefix + "-" + number.incrementAndGet()));
  }

  /** One scheduler thread named {@code name}. */
  static ScheduledThreadPoolExecutor scheduler(String name) {
    return new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, name));
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread t = new Thread(runnable, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Shuts {@code pool} down (null: nothing to do), interrupting what still runs after 30 s; returns
   * null.
   */
  static <T extends ExecutorService> T shutdown(String sinkName, T pool) {
    if (pool == null) {
      return null;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("{}: threads still busy 30 s after shutdown; interrupting them", sinkName);
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
