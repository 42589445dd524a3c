package io.accesslog.flume.sink.hour;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writers of one {@code hdfs.root}, as files under {@code <root>/_writers/} (skipped by Hadoop,
 * Hive and Spark: the name starts with {@code _}):
 *
 * <pre>
 * _writers/&lt;id&gt;            the claim (created once by the sink: host and spool directory)
 * _writers/.state/&lt;id&gt;     heartbeat and watermarks, rewritten every heartbeat.interval
 * _writers/.retired/&lt;id&gt;   by 'accesslog-flume writers retire'; a sink refuses a retired id
 * </pre>
 *
 * Writer ids never start with {@code .}, so the two dot directories never collide with a claim.
 */
public final class WriterRegistry {
  public static final String DIRECTORY = "_writers";
  private final HourStore store;
  private final String base;

  public WriterRegistry(HourStore store, String root) {
    this.store = store;
    this.base =
        (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/" + DIRECTORY;
  }

  public String claimPath(String writerId) {
    return base + "/" + writerId;
  }

  public String statePath(String writerId) {
    return base + "/.state/" + writerId;
  }

  public String retiredPath(String writerId) {
    return base + "/.retired/" + writerId;
  }

  /** Every writer id with a claim, a state or a retirement record, by id. */
  public List<WriterInfo> list() throws IOException {
    Map<String, Boolean> ids = new TreeMap<>();
    for (HourStore.Entry e : store.list(base)) {
      if (!e.directory && !e.name.startsWith(".")) {
        ids.put(e.name, true);
      }
    }
    for (HourStore.Entry e : store.list(base + "/.state")) {
      if (!e.name.startsWith(".")) {
        ids.put(e.name, true);
      }
    }
    for (HourStore.Entry e : store.list(base + "/.retired")) {
      if (!e.name.startsWith(".")) {
        ids.put(e.name, true);
      }
    }
    List<WriterInfo> out = new ArrayList<>();
    for (String id : ids.keySet()) {
      out.add(read(id));
    }
    return out;
  }

  public WriterInfo read(String writerId) throws IOException {
    String claim = store.read(claimPath(writerId));
    WriterState state = null;
    String problem = null;
    // A state is rewritten in place every heartbeat: a read may meet it missing or half-written.
    for (int attempt = 0; attempt < 3 && state == null; attempt++) {
      if (attempt > 0) {
        pause();
      }
      String stateText = store.read(statePath(writerId));
      if (stateText == null) {
        problem = "no state file (a sink of an older version, or never started)";
        continue;
      }
      try {
        state = WriterState.parse(stateText);
        problem = null;
      } catch (IllegalArgumentException e) {
        problem = "state file unreadable: " + e.getMessage();
      }
    }
    String retiredText = store.read(retiredPath(writerId));
    return new WriterInfo(
        writerId,
        claim,
        state,
        problem,
        retiredText == null ? null : WriterInfo.Retirement.parse(retiredText));
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted reading a writer state");
    }
  }

  /**
   * Replaces the writer's state (temporary file + atomic rename on HDFS): a writer killed while
   * publishing leaves its previous state readable, never an empty file that other writers would
   * read as holding nothing (and mark an hour its spool still holds).
   */
  public void writeState(WriterState state) throws IOException {
    store.replace(statePath(state.writerId), state.format());
  }

  public void retire(String writerId, long now, boolean spoolLost, String note) throws IOException {
    store.replace(retiredPath(writerId), new WriterInfo.Retirement(now, spoolLost, note).format());
  }
}
