package io.accesslog.flume.tool;

import io.accesslog.flume.sink.SpoolDrain;
import io.accesslog.flume.sink.hour.WriterInfo;
import io.accesslog.flume.sink.hour.WriterState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code writers list}, {@code writers retire ID}: the writer ids of a root. */
@Command(
    name = "writers",
    description = "The writer ids of a root: claims, heartbeats, retirement.",
    subcommands = {WritersCommand.ListWriters.class, WritersCommand.Retire.class})
final class WritersCommand extends CommandGroup {
  static String status(WriterInfo w, long now, long staleAfterMillis) {
    if (w.retired != null) {
      return w.retired.spoolLost
          ? "retired (spool lost)"
          : w.state != null && w.state.drained()
              ? "retired (spool drained)"
              : "retired (spool not drained yet)";
    }
    if (w.state == null) {
      return "unknown (" + w.stateProblem + ")";
    }
    if (w.state.drained()) {
      return "stopped, spool drained";
    }
    return w.state.alive(now, staleAfterMillis)
        ? (w.state.recovering ? "alive, recovering" : "alive")
        : "DOWN";
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Every writer id of the root: status (alive, DOWN, retired), last heartbeat, the first"
              + " hour it has not finished, and its claim (host, spool directory).")
  static final class ListWriters implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand WritersCommand parent;

    @Mixin OpsTarget target;

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      OpsTarget.Resolved r = target.resolve(env);
      long now = env.clock().millis();
      List<WriterInfo> writers = r.registry.list();
      if (writers.isEmpty()) {
        env.err().println("accesslog-flume: no writers under " + r.root + "/_writers");
        return Main.NOTHING_SELECTED;
      }
      PrintWriter out = OpsTarget.out(env);
      for (WriterInfo w : writers) {
        WriterState s = w.state;
        out.println(
            w.writerId
                + "  "
                + status(w, now, r.staleAfterMillis)
                + "  heartbeat="
                + (s == null
                    ? "-"
                    : java.time.Instant.ofEpochMilli(s.heartbeatMillis)
                        + " ("
                        + Math.max(0, (now - s.heartbeatMillis) / 1000)
                        + " s ago)")
                + "  finishedThrough="
                + (s == null ? "-" : r.hours.label(s.finishedThrough))
                + "  claim="
                + (w.claim == null ? "-" : w.claim.trim()));
      }
      out.flush();
      return Main.OK;
    }
  }

  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description = {
        "Retires a writer id whose agent is gone for good. Refused while the writer is alive (its"
            + " heartbeat is fresher than heartbeat.staleAfter). A sink refuses a retired id from"
            + " then on.",
        "Its hidden in-progress files and its spool: hand them over with 'spool drain DIR --writer"
            + " ID' (the hours it did not finish stay held until then), or, when the spool is lost,"
            + " --spool-lost finishes its in-progress files now and releases its hours."
      })
  static final class Retire implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand WritersCommand parent;

    @Mixin OpsTarget target;

    @Parameters(index = "0", paramLabel = "ID", description = "The writer id (writers list).")
    String writerId;

    @Option(
        names = "--spool-lost",
        description =
            "Its spool is gone: finish its in-progress files (lease recovery, final name) and stop"
                + " holding back its hours. Lines only in that spool are lost.")
    boolean spoolLost;

    @Option(
        names = "--assume-stopped",
        description =
            "Retire even though it never published a heartbeat (a sink"
                + " of an older version): you checked that its agent is stopped.")
    boolean assumeStopped;

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      OpsTarget.Resolved r = target.resolve(env);
      long now = env.clock().millis();
      WriterInfo w = r.registry.read(writerId);
      if (w.claim == null && w.state == null && w.retired == null) {
        throw new Main.UsageException(
            "no writer '" + writerId + "' under " + r.root + "/_writers (writers list)");
      }
      if (w.state != null && !w.state.drained() && w.state.alive(now, r.staleAfterMillis)) {
        throw new Main.UsageException(
            "writer '"
                + writerId
                + "' is alive: last heartbeat "
                + (now - w.state.heartbeatMillis) / 1000
                + " s ago (heartbeat.staleAfter "
                + r.staleAfterMillis / 1000
                + " s), "
                + w.state.identity
                + ". Stop its agent first; retire refuses a running writer");
      }
      if (w.state == null && !assumeStopped) {
        throw new Main.UsageException(
            "writer '"
                + writerId
                + "' never published a heartbeat ("
                + w.stateProblem
                + "), so whether it runs is unknown; check that its agent is stopped, then add"
                + " --assume-stopped");
      }
      PrintWriter out = OpsTarget.out(env);
      r.registry.retire(
          writerId,
          now,
          spoolLost,
          "by accesslog-flume writers retire on "
              + java.net.InetAddress.getLocalHost().getHostName());
      out.println("retired " + writerId + " (" + r.registry.retiredPath(writerId) + ")");
      if (spoolLost) {
        Path scratch = Files.createTempDirectory("accesslog-retire");
        try {
          long n = SpoolDrain.finishHiddenFiles(r.fs, r.root, writerId, scratch);
          out.println(
              "finished "
                  + n
                  + " in-progress file(s) of "
                  + writerId
                  + "; its hours are no longer held back");
        } finally {
          try (java.util.stream.Stream<Path> files = Files.list(scratch)) {
            for (Path p : (Iterable<Path>) files::iterator) {
              Files.deleteIfExists(p);
            }
          }
          Files.deleteIfExists(scratch);
        }
      } else if (w.state != null && w.state.drained()) {
        out.println("its spool was drained: it holds back nothing");
      } else {
        out.println(
            "hand over its spool and in-progress files: copy its spool directory to a machine with"
                + " this tool and run 'accesslog-flume spool drain DIR --writer "
                + writerId
                + "'; until then it holds back the"
                + " hours from "
                + (w.state == null ? "-" : r.hours.label(w.state.finishedThrough))
                + " on."
                + " If the spool is lost: 'writers retire "
                + writerId
                + " --spool-lost'");
      }
      out.flush();
      return Main.OK;
    }
  }
}
