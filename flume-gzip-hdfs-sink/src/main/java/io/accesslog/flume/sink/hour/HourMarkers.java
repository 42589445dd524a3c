package io.accesslog.flume.sink.hour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the markers of one root's hours (see {@link HourKeeper} for when): the first marker of
 * each hour directory that has data, created only if absent so one of several writers wins, and a
 * new revision when late lines changed a marked directory's final files. Runs on the heartbeat
 * thread.
 */
final class HourMarkers {
  private static final Logger LOG = LoggerFactory.getLogger(HourMarkers.class);

  /**
   * Publishes the writer's heartbeat when one is due: counting the lines of a large hour takes a
   * while.
   */
  interface KeepAlive {
    void beat() throws IOException;
  }

  private final String name;
  private final HourSettings settings;
  private final HourStore store;
  private final String root;
  private final String pathTemplate;
  private final Hours hours;
  private final String writerId;
  private final KeepAlive keepAlive;
  private final AtomicLong markersWritten = new AtomicLong();

  /**
   * @param root without a trailing slash
   */
  HourMarkers(
      String name,
      HourSettings settings,
      HourStore store,
      String root,
      String pathTemplate,
      Hours hours,
      String writerId,
      KeepAlive keepAlive) {
    this.name = name;
    this.settings = settings;
    this.store = store;
    this.root = root;
    this.pathTemplate = pathTemplate;
    this.hours = hours;
    this.writerId = writerId;
    this.keepAlive = keepAlive;
  }

  /** Markers written or rewritten so far. */
  long written() {
    return markersWritten.get();
  }

  /**
   * A directory under {@code late.dir}: never marked (its lines belong to hours marked elsewhere).
   */
  boolean isLateDirectory(String directory) {
    return directory.startsWith(root + "/" + settings.lateDir + "/");
  }

  /**
   * Writes missing markers of the hour and rewrites those whose directory's final files changed.
   */
  void remark(long hourStart, List<WriterInfo> writers, long now) throws IOException {
    for (String dir : store.globDirectories(hours.glob(root, pathTemplate, hourStart))) {
      if (isLateDirectory(dir) || !hasData(dir)) {
        continue;
      }
      String path = dir + "/" + settings.markerName;
      String text = store.read(path);
      Marker old = null;
      if (text != null) {
        try {
          old = Marker.parse(text);
        } catch (IllegalArgumentException e) {
          LOG.warn("{}: marker {} unreadable ({}); rewriting it", name, path, e.getMessage());
        }
      }
      if (old != null && sameFiles(old, store.list(dir))) {
        continue;
      }
      keepAlive.beat();
      Marker m =
          Marker.of(
              store,
              dir,
              hours.label(hourStart),
              hourStart,
              old == null ? 1 : old.revision + 1,
              writerId,
              now,
              finishers(writers));
      if (old == null && text == null) {
        if (!store.createIfAbsent(path, m.format())) {
          continue;
        }
      } else {
        store.replace(path, m.format());
      }
      markersWritten.incrementAndGet();
      LOG.info(
          "{}: late lines in {}: marker revision {}, {} line(s) in {} file(s) (was {})",
          name,
          dir,
          m.revision,
          m.lines(),
          m.files.size(),
          old == null ? "no marker" : old.lines() + " line(s)");
    }
  }

  private static boolean sameFiles(Marker old, List<HourStore.Entry> entries) {
    Map<String, Long> now = new HashMap<>();
    for (HourStore.Entry e : entries) {
      if (!e.directory
          && e.name.endsWith(".gz")
          && !e.name.startsWith("_")
          && !e.name.startsWith(".")) {
        now.put(e.name, e.length);
      }
    }
    if (now.size() != old.files.size()) {
      return false;
    }
    for (Marker.FileCount f : old.files) {
      if (!Long.valueOf(f.bytes).equals(now.get(f.name))) {
        return false;
      }
    }
    return true;
  }

  void markHour(long hourStart, List<WriterInfo> writers, long now) throws IOException {
    int written = 0;
    long lines = 0;
    for (String dir : store.globDirectories(hours.glob(root, pathTemplate, hourStart))) {
      if (isLateDirectory(dir) || !hasData(dir)) {
        continue;
      }
      String path = dir + "/" + settings.markerName;
      if (store.exists(path)) {
        continue;
      }
      keepAlive.beat();
      Marker m =
          Marker.of(
              store, dir, hours.label(hourStart), hourStart, 1, writerId, now, finishers(writers));
      if (store.createIfAbsent(path, m.format())) {
        written++;
        lines += m.lines();
        markersWritten.incrementAndGet();
      }
    }
    if (written > 0) {
      LOG.info(
          "{}: hour {} complete: every writer finished it; marker {} written in {} director(ies),"
              + " {} line(s)",
          name,
          hours.label(hourStart),
          settings.markerName,
          written,
          lines);
    }
  }

  private boolean hasData(String dir) throws IOException {
    for (HourStore.Entry e : store.list(dir)) {
      if (!e.directory && e.name.endsWith(".gz")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> finishers(List<WriterInfo> writers) {
    List<String> ids = new ArrayList<>();
    for (WriterInfo w : writers) {
      ids.add(
          w.writerId
              + (w.retiredLost() ? "(retired,spool-lost)" : w.retired != null ? "(retired)" : ""));
    }
    return ids;
  }
}
