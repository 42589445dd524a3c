package io.accesslog.flume.sink;

import io.accesslog.flume.sink.buffer.FileStore;
import java.io.IOException;

/**
 * Makes sure one writer id belongs to one writer. Every file name carries the writer id, so two
 * sinks sharing one (two agents started from the same config on one host, where the default {@code
 * <hostname>-<sink>} is the same; a copied config with an explicit id) would append to each other's
 * files and finish them. Before a sink writes or recovers anything it claims the id in {@code
 * <hdfs.root>/_writers/<writer id>}, a file created once, holding the identity of the writer: the
 * host and the absolute spool directory, which no other agent can share (the spool is locked) and
 * which stay the same across restarts, kill -9 included. A claim held by another identity stops the
 * sink before it takes an event.
 */
final class WriterClaim {
  /** Directory under the root; the underscore makes Hadoop, Hive and Spark jobs skip it. */
  static final String DIRECTORY = "_writers";

  private final String path;
  private final String retiredPath;
  private final String writerId;
  private final String identity;

  WriterClaim(String root, String writerId, String identity) {
    this.path = root + "/" + DIRECTORY + "/" + writerId;
    this.retiredPath = root + "/" + DIRECTORY + "/.retired/" + writerId;
    this.writerId = writerId;
    this.identity = identity;
  }

  /**
   * This writer's identity: the host, and the spool directory (or, without a spool, the sink name).
   */
  static String identity(String host, String spoolDir, String sinkName) {
    return spoolDir != null
        ? "host=" + host + " spool=" + spoolDir
        : "host=" + host + " sink=" + sinkName + " (sink.durability=none)";
  }

  String path() {
    return path;
  }

  /** Claims the id; throws {@link Conflict} when another writer holds it. */
  void claim(FileStore store) throws IOException {
    if (store.exists(retiredPath)) {
      throw new Conflict(
          "writer.id '"
              + writerId
              + "' was retired ('accesslog-flume writers retire', "
              + retiredPath
              + "): its spool may have been drained elsewhere, so writing with it again could duplicate lines. Give this "
              + "sink a new writer.id, or, if this is the same spool and it was not drained, delete "
              + retiredPath);
    }
    String held = store.claim(path, identity);
    String problem = conflict(held);
    if (problem != null) {
      throw new Conflict(problem);
    }
  }

  /** Null when {@code held} is this writer's identity, else what is wrong and what to do. */
  String conflict(String held) {
    if (held.equals(identity)) {
      return null;
    }
    return "writer.id '"
        + writerId
        + "' is claimed by another writer ("
        + (held.isEmpty() ? "claim being written" : held)
        + ") in "
        + path
        + "; this sink is "
        + identity
        + ". Two writers with one id would write the same "
        + "HDFS files: set a unique writer.id for this sink, or, if that other writer is gone for good and its "
        + "files are finished, delete "
        + path;
  }

  /** Another writer holds this writer id. */
  static final class Conflict extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message);
    }
  }
}
