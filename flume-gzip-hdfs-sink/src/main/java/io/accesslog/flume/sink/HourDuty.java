package io.accesslog.flume.sink;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.sink.buffer.WriteEngine;
import io.accesslog.flume.sink.hour.HourKeeper;
import io.accesslog.flume.sink.route.Target;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's side of hour completeness ({@link HourKeeper}): tells the keeper once a second what
 * this writer holds, routes a line of a marked hour where {@code late.policy} says, runs the
 * heartbeat and the markers on a thread of its own (HDFS calls never run on the runner thread) and
 * publishes the last word at stop. {@link #start}, {@link #stop}: Flume's lifecycle thread; the
 * rest: the runner.
 */
final class HourDuty {
  private static final Logger LOG = LoggerFactory.getLogger(GzipHdfsSink.class);
  private static final long UPDATE_INTERVAL_MILLIS = 1000;
  private static final int MAX_LATE_TARGETS = 10_000;
  private static final int MAX_LATE_HOURS = 100;

  private final String sinkName;
  private final SinkSettings settings;
  private final HourKeeper keeper;
  private final WriteEngine engine;
  private final Clock clock;
  private final Map<String, Target> lateTargets = new HashMap<>();
  private ScheduledThreadPoolExecutor heartbeat;
  private long nextUpdateMillis;

  HourDuty(
      String sinkName, SinkSettings settings, HourKeeper keeper, WriteEngine engine, Clock clock) {
    this.sinkName = sinkName;
    this.settings = settings;
    this.keeper = keeper;
    this.engine = engine;
    this.clock = clock;
  }

  /** Once the writer id is ours: reads this writer's last state and starts the heartbeat. */
  void start() throws IOException {
    keeper.load();
    if (heartbeat != null) {
      return;
    }
    ScheduledThreadPoolExecutor pool = SinkThreads.scheduler(sinkName + "-heartbeat");
    pool.scheduleWithFixedDelay(
        this::heartbeatRound, 0, settings.hours.heartbeatMillis(), TimeUnit.MILLISECONDS);
    heartbeat = pool;
  }

  /** One round; never throws, so one failure cannot cancel the schedule. */
  private void heartbeatRound() {
    try {
      keeper.round(clock.millis());
    } catch (Throwable t) {
      LOG.warn(
          "{}: heartbeat / hour markers in {}: {}; retried in {} ms",
          sinkName,
          settings.route.root(),
          t.toString(),
          settings.hours.heartbeatMillis());
    }
  }

  /** Runner thread, every {@code process()}: what this writer holds, at most once a second. */
  void maybeUpdate(long now, boolean recovering) {
    if (now >= nextUpdateMillis) {
      update(now, recovering);
      nextUpdateMillis = now + UPDATE_INTERVAL_MILLIS;
    }
  }

  /** What this writer holds, for its watermark and its late hours. */
  private void update(long now, boolean recovering) {
    long marked = keeper.markedThrough();
    keeper.update(
        now,
        recovering,
        engine.oldestOpenHour(marked),
        engine.openHoursBefore(marked, MAX_LATE_HOURS));
  }

  /**
   * Runner thread: where a line of {@code target} goes (a marked hour's line: where {@code
   * late.policy} says).
   */
  Target lateTarget(Target target, long now) {
    String dir = keeper.lateDirectory(target.directory(), target.hourStartMillis(), now);
    if (dir.equals(target.directory())) {
      return target;
    }
    if (lateTargets.size() > MAX_LATE_TARGETS) {
      lateTargets.clear();
    }
    return lateTargets.computeIfAbsent(
        dir + "\n" + target.fileBase(),
        k -> Target.restored(dir, target.fileBase(), target.hourStartMillis()));
  }

  /**
   * Stops the heartbeat and publishes the last word: what this writer finished, so hours need not
   * wait for it.
   */
  void stop(boolean recovering) {
    if (heartbeat == null) {
      return;
    }
    heartbeat = SinkThreads.shutdown(sinkName, heartbeat);
    update(clock.millis(), recovering);
    try {
      keeper.publish(clock.millis());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{}: could not publish the final heartbeat in {}: {}",
          sinkName,
          settings.route.root(),
          e.toString());
    }
  }
}
