package io.accesslog.flume.sink.hour;

import io.accesslog.flume.core.Clock;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One writer's part of hour completeness: heartbeat, finished-hour watermark, hour markers, late
 * lines.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>The rule.</b> Every writer publishes, every {@code heartbeat.interval}, its state in {@code
 * _writers/.state/<id>} ({@link WriterState}): a heartbeat and {@code finishedThrough}, the first
 * hour it has not finished. A writer has finished hour {@code H} when {@code H}'s close minute has
 * passed and it holds nothing of {@code H} (no buffered line, no in-progress file, start-up replay
 * done). Hour {@code H} gets its marker when every writer of the root has finished it ({@link
 * Holdback}): a writer that is down keeps its last watermark, so it holds the hour back until it
 * comes back, its spool is drained ({@code accesslog-flume spool drain} marks it drained) or it is
 * retired with its spool declared lost. Staleness only decides how a writer is named ("alive, not
 * finished" or "DOWN"); the heartbeat uses the writer's clock, so clocks must agree within {@code
 * heartbeat.staleAfter}.
 *
 * <p><b>Who writes the marker.</b> Every writer ({@link HourMarkers}), on its heartbeat thread,
 * advances {@code markedThrough} to the first hour some writer still holds and writes the missing
 * markers of the hours it passed, listing the hour's directories by the {@code hdfs.path} glob (so
 * directories only other writers wrote get theirs too). The marker is created only if absent, so of
 * several writers one wins; its content lists every final file with bytes and lines (the files are
 * read once to count them).
 *
 * <p><b>Late lines.</b> A line whose hour is before {@code markedThrough} when the sink takes it is
 * late: every writer had finished its hour, so its marker exists or is due, or the hour had no
 * directory yet (counted as {@code LateLinesAfterMarker}). {@code late.policy = separate} routes it
 * to {@code <late.dir>/<arrival hour>/<hour path>}, so a marked hour never changes; {@code reopen}
 * writes it into the hour directory. While a writer holds late lines of an hour it lists the hour
 * in its state ({@code lateHours}); once no writer (alive, or down and not drained) lists it, the
 * hour is marked again: missing markers are written, and a marker whose directory's final files
 * changed is rewritten with the new files and counts (revision + 1).
 *
 * <p><b>Settling.</b> A writer publishes what it holds at its next heartbeat, so a round acts only
 * on what every round of the last two heartbeat intervals (plus a second) agreed on: the lowest
 * markable hour and every late hour any of them saw held. A writer whose heartbeat thread stalls
 * for longer than that while it takes lines of an hour being marked costs one more marker revision.
 *
 * <p><b>Threads.</b> {@link #update} and {@link #lateDirectory} run on the sink's runner thread,
 * {@link #round} on the heartbeat thread the sink owns; they share only volatile fields and a
 * queue.
 */
public final class HourKeeper {
  private static final int MAX_HOURS_PER_ROUND = 168;
  private static final long FIRST_LOOKBACK_MILLIS = 24 * 3_600_000L;
  private static final DateTimeFormatter ARRIVAL =
      DateTimeFormatter.ofPattern("yyyyMMddHH", Locale.ROOT);

  private final String name;
  private final HourSettings settings;
  private final HourStore store;
  private final WriterRegistry registry;
  private final String root;
  private final String pathTemplate;
  private final Hours hours;
  private final String writerId;
  private final String identity;
  private final ConcurrentLinkedQueue<Long> reopened = new ConcurrentLinkedQueue<>();
  private final java.util.TreeSet<Long> watched = new java.util.TreeSet<>();
  private final java.util.LinkedList<Observation> observations = new java.util.LinkedList<>();
  private final AtomicLong lateAfterMarker = new AtomicLong();
  private final HourMarkers markers;

  private volatile long finishedThrough = WriterState.NONE;
  private volatile long markedThrough = WriterState.NONE;
  private volatile boolean recovering = true;
  private volatile List<Long> lateHours = java.util.Collections.emptyList();
  private volatile long drained = WriterState.NONE;
  private Clock wallClock;
  private long lastPublished;
  private boolean started;

  public HourKeeper(
      String name,
      HourSettings settings,
      HourStore store,
      String root,
      String pathTemplate,
      ZoneId zone,
      int closeMinute,
      String writerId,
      String identity) {
    this.name = name;
    this.settings = settings;
    this.store = store;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.registry = new WriterRegistry(store, this.root);
    this.pathTemplate = pathTemplate;
    this.hours = new Hours(zone, closeMinute);
    this.writerId = writerId;
    this.identity = identity;
    this.markers =
        new HourMarkers(
            name, settings, store, this.root, pathTemplate, hours, writerId, this::keepAlive);
  }

  /**
   * The clock for heartbeats in the middle of a long round: counting the lines of a large hour
   * takes a while, and the writer must not look down meanwhile. Without one, a round publishes
   * once.
   */
  public void clock(Clock clock) {
    this.wallClock = clock;
  }

  /** Publishes again when a heartbeat interval passed since the last one (during long rounds). */
  private void keepAlive() throws IOException {
    Clock c = wallClock;
    if (c != null && c.millis() - lastPublished >= settings.heartbeatMillis) {
      publish(c.millis());
    }
  }

  public Hours hours() {
    return hours;
  }

  public WriterRegistry registry() {
    return registry;
  }

  /**
   * Reads this writer's last published state (after the claim): its watermarks survive restarts.
   */
  public void load() throws IOException {
    WriterInfo me = registry.read(writerId);
    if (me.state != null) {
      finishedThrough = me.state.finishedThrough;
      markedThrough = me.state.markedThrough;
      drained = me.state.drainedMillis;
    }
    started = true;
  }

  /**
   * Runner thread, after every tick: {@code oldestOpenHour} is the earliest hour the engine still
   * holds at or after {@link #markedThrough()} ({@code Long.MAX_VALUE} when none).
   */
  public void update(long now, boolean recoveringNow, long oldestOpenHour) {
    update(now, recoveringNow, oldestOpenHour, java.util.Collections.<Long>emptyList());
  }

  /**
   * {@code heldLateHours}: hours before {@link #markedThrough()} of which the engine holds lines.
   */
  public void update(
      long now, boolean recoveringNow, long oldestOpenHour, List<Long> heldLateHours) {
    recovering = recoveringNow;
    lateHours = heldLateHours;
    if (!recoveringNow) {
      finishedThrough = Math.min(oldestOpenHour, hours.firstOpen(now));
      drained = WriterState.NONE;
    }
  }

  /**
   * Hours before this had every writer finished, as far as this writer saw; NONE before the first
   * round.
   */
  public long markedThrough() {
    return markedThrough;
  }

  public long finishedThrough() {
    return finishedThrough;
  }

  public long lateLinesAfterMarker() {
    return lateAfterMarker.get();
  }

  public long markersWritten() {
    return markers.written();
  }

  /**
   * Runner thread: for a line of the hour starting at {@code hourStart} in {@code directory}, the
   * directory it goes to: its own, or (a marked hour, {@code late.policy = separate}) the late
   * directory. Counts late lines.
   */
  public String lateDirectory(String directory, long hourStart, long now) {
    long marked = markedThrough;
    if (!settings.markersOn() || marked == WriterState.NONE || hourStart >= marked) {
      return directory;
    }
    lateAfterMarker.incrementAndGet();
    if (settings.latePolicy == HourSettings.LatePolicy.REOPEN
        || markers.isLateDirectory(directory)) {
      return directory;
    }
    String relative =
        directory.startsWith(root + "/") ? directory.substring(root.length() + 1) : directory;
    String arrival = ARRIVAL.format(java.time.Instant.ofEpochMilli(now).atZone(hours.zone()));
    return root + "/" + settings.lateDir + "/" + arrival + "/" + relative;
  }

  /**
   * Any thread: a file of {@code directory} was finished; a marked hour is then marked again
   * (reopen).
   */
  public void fileFinished(String directory, long hourStart) {
    long marked = markedThrough;
    if (settings.markersOn()
        && marked != WriterState.NONE
        && hourStart < marked
        && !markers.isLateDirectory(directory)) {
      reopened.add(hourStart);
    }
  }

  /**
   * Heartbeat thread, every {@code heartbeat.interval}: publishes this writer's state, then writes
   * the markers of hours every writer has finished. IO failures propagate (the caller logs and
   * retries next round); nothing is half-done in a way a later round cannot finish.
   */
  public void round(long now) throws IOException {
    if (!publish(now) || !settings.markersOn()) {
      return;
    }
    long marked = markedThrough;
    List<WriterInfo> writers = registry.list();
    observations.addLast(
        new Observation(
            now, Holdback.markableThrough(writers, hours.firstOpen(now)), held(writers)));
    // Act on what held for a settle window: a writer that just took lines of an hour publishes
    // that within a heartbeat, so no hour is marked in the gap.
    long window = 2 * settings.heartbeatMillis + 1000;
    while (observations.size() > 1 && observations.get(1).time <= now - window) {
      observations.removeFirst();
    }
    if (observations.getFirst().time > now - window) {
      return;
    }
    long markable = Long.MAX_VALUE;
    java.util.Set<Long> held = new java.util.HashSet<>();
    for (Observation o : observations) {
      markable = Math.min(markable, o.markable);
      held.addAll(o.held);
    }
    if (markable == WriterState.NONE) {
      return;
    }
    if (marked == WriterState.NONE) {
      // First round of a new writer: continue where the others are; on a new root (or the first
      // start after an upgrade) look back one day, so hours finished before this writer's first
      // round still get markers.
      long others = WriterState.NONE;
      for (WriterInfo w : writers) {
        if (w.state != null && !w.writerId.equals(writerId)) {
          others = Math.max(others, w.state.markedThrough);
        }
      }
      marked =
          others == WriterState.NONE
              ? hours.floor(markable - FIRST_LOOKBACK_MILLIS)
              : Math.min(others, markable);
      markedThrough = marked;
    }
    // An hour another writer lists as late (it holds lines of it, having seen it marked before this
    // writer got there) gets no first marker yet, and neither does any hour after it.
    long stop = markable;
    for (long h : held) {
      if (h >= marked && h < stop) {
        stop = h;
      }
    }
    int steps = 0;
    for (long h = marked; h < stop && steps < MAX_HOURS_PER_ROUND; h = hours.next(h), steps++) {
      markers.markHour(h, writers, now);
      markedThrough = hours.next(h);
    }
    remarkLateHours(writers, held, markable, now);
  }

  /**
   * Writes this writer's state only (the last word at a graceful stop: no listing, no markers).
   * False before {@link #load}.
   */
  public boolean publish(long now) throws IOException {
    if (!started) {
      return false;
    }
    registry.writeState(
        new WriterState(
            writerId,
            identity,
            now,
            finishedThrough,
            markedThrough,
            recovering,
            drained,
            lateHours));
    lastPublished = now;
    return true;
  }

  /** What one round saw: the hours nobody holds back, and the late hours writers hold. */
  private static final class Observation {
    final long time;
    final long markable;
    final java.util.Set<Long> held;

    Observation(long time, long markable, java.util.Set<Long> held) {
      this.time = time;
      this.markable = markable;
      this.held = held;
    }
  }

  private static java.util.Set<Long> held(List<WriterInfo> writers) {
    java.util.Set<Long> held = new java.util.HashSet<>();
    for (WriterInfo w : writers) {
      if (w.state != null && !w.state.drained() && !w.retiredLost()) {
        held.addAll(w.state.lateHours);
      }
    }
    return held;
  }

  /** Hours with late lines: marked again once no writer holds any of their lines. */
  private void remarkLateHours(
      List<WriterInfo> writers, java.util.Set<Long> held, long markable, long now)
      throws IOException {
    watched.addAll(held);
    Long h;
    while ((h = reopened.poll()) != null) {
      watched.add(h);
    }
    java.util.Iterator<Long> it = watched.iterator();
    while (it.hasNext()) {
      long hour = it.next();
      if (held.contains(hour) || hour >= markable) {
        continue;
      }
      markers.remark(hour, writers, now);
      it.remove();
    }
  }
}
