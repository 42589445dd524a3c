package io.accesslog.flume.tool;

import io.accesslog.flume.sink.SpoolDrain;
import io.accesslog.flume.sink.hour.Hours;
import io.accesslog.flume.sink.hour.WriterInfo;
import io.accesslog.flume.sink.hour.WriterState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spool inspect|verify|drain DIR}: a sink's local spool, read with the sink's own reader
 * (read-only, without the directory lock, so a running agent's spool can be inspected), or drained
 * into HDFS.
 */
@Command(
    name = "spool",
    description = "A gzip sink's local spool directory: inspect, verify, drain.",
    subcommands = {SpoolCommand.Inspect.class, SpoolCommand.Verify.class, SpoolCommand.Drain.class})
final class SpoolCommand extends CommandGroup {
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description =
          "Segments, records, line bytes, sequence range, the oldest hour and records per target"
              + " (file family), and any damage (torn tails, corrupt blocks) with segment and"
              + " offset. Read-only.")
  static final class Inspect implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpoolCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The spool directory (spool.dir).")
    Path dir;

    @Option(
        names = "--layout-zone",
        paramLabel = "ZONE",
        description = "Zone for printing hours (default UTC).")
    String zone = "UTC";

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      SpoolReading r = SpoolReading.of(dir);
      Hours hours = new Hours(java.time.ZoneId.of(zone), 0);
      PrintWriter out = OpsTarget.out(env);
      long segBytes = r.segments.values().stream().mapToLong(Long::longValue).sum();
      out.println(
          "spool "
              + dir
              + ": "
              + r.segments.size()
              + " segment(s), "
              + segBytes
              + " bytes on disk");
      r.segments.forEach((name, size) -> out.println("  " + name + "  " + size + " bytes"));
      out.println(
          "records "
              + r.records
              + (r.records == 0
                  ? ""
                  : " (sequences " + r.firstSequence + ".." + r.lastSequence + ")")
              + ", "
              + r.result.blocksReplayed()
              + " block(s), "
              + r.bytes
              + " line bytes");
      long oldest = Long.MAX_VALUE;
      for (String key : r.targets.keySet()) {
        oldest = Math.min(oldest, hourOf(key));
      }
      out.println(
          "oldest hour "
              + (oldest == Long.MAX_VALUE ? "-" : hours.label(oldest))
              + "  (the oldest record is sequence "
              + (r.firstSequence < 0 ? "-" : Long.toString(r.firstSequence))
              + ")");
      out.println(r.damageLine());
      r.printIssues(out);
      out.println(
          "targets: " + r.targets.size() + " (records, line bytes, hour, directory/file base)");
      r.targets.forEach(
          (key, c) -> {
            String[] p = key.split("\n");
            out.println(
                "  "
                    + c.records
                    + "  "
                    + c.bytes
                    + "  "
                    + hours.label(hourOf(key))
                    + "  "
                    + p[0]
                    + "/"
                    + (p.length > 1 ? p[1] : ""));
          });
      if (Files.exists(dir.resolve("hdfs-ledger.log"))) {
        out.println(
            "ledger hdfs-ledger.log present ("
                + Files.size(dir.resolve("hdfs-ledger.log"))
                + " bytes): a"
                + " drain or the agent's next start skips the records HDFS already holds");
      }
      out.flush();
      return Main.OK;
    }

    private static long hourOf(String key) {
      int last = key.lastIndexOf('\n');
      try {
        return Long.parseLong(key.substring(last + 1));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Checks every block's header and payload CRC-32 (and that it decodes). Exit status 0:"
              + " intact; 1: damage, each torn tail and corrupt block listed with segment, offset"
              + " and length. Read-only.")
  static final class Verify implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpoolCommand parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "The spool directory (spool.dir).")
    Path dir;

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      SpoolReading r = SpoolReading.of(dir);
      PrintWriter out = OpsTarget.out(env);
      boolean clean = r.result.issues().isEmpty();
      out.println(
          (clean ? "OK" : "DAMAGED")
              + ": "
              + r.segments.size()
              + " segment(s), "
              + r.result.blocksReplayed()
              + " intact block(s), "
              + r.records
              + " record(s); "
              + r.damageLine());
      r.printIssues(out);
      out.flush();
      return clean ? Main.OK : Main.DAMAGED;
    }
  }

  @Command(
      name = "drain",
      mixinStandardHelpOptions = true,
      description = {
        "Replays a stopped or dead writer's spool into HDFS with the sink's own recovery:"
            + " interrupted writes resolved against the ledger, its in-progress files resumed and"
            + " finished, records HDFS already holds skipped (idempotent: running it twice writes"
            + " nothing twice). Files keep the writer's id.",
        "Refused while that writer is alive. Afterwards the writer is marked drained and holds back"
            + " no hour."
      })
  static final class Drain implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand SpoolCommand parent;

    @Mixin OpsTarget target;

    @Parameters(
        index = "0",
        paramLabel = "DIR",
        description = "The spool directory (a copy is fine).")
    Path dir;

    @Option(
        names = "--writer",
        paramLabel = "ID",
        description =
            "The writer id the spool belongs to (default: the claim naming this spool directory).")
    String writerId;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description = "Give up writing after this long (default 600).")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      OpsTarget.Resolved r = target.resolve(env);
      String id = writerId != null ? writerId : writerOf(r);
      long now = env.clock().millis();
      WriterInfo w = r.registry.read(id);
      if (w.claim == null && w.state == null && w.retired == null) {
        throw new Main.UsageException(
            "no writer '"
                + id
                + "' under "
                + r.root
                + "/_writers ('writers list'): the drained files"
                + " would carry a writer id nobody knows; give the id the spool's agent used");
      }
      if (w.retiredLost()) {
        throw new Main.UsageException(
            "writer '"
                + id
                + "' was retired with --spool-lost: its hours may have markers"
                + " that do not count this spool's lines; not draining");
      }
      if (w.state != null && !w.state.drained() && w.state.alive(now, r.staleAfterMillis)) {
        throw new Main.UsageException(
            "writer '"
                + id
                + "' is alive (heartbeat "
                + (now - w.state.heartbeatMillis) / 1000
                + " s ago, "
                + w.state.identity
                + "): a running sink replays its own spool; stop it first");
      }
      PrintWriter out = OpsTarget.out(env);
      out.println("draining " + dir + " as writer " + id + " into " + r.root);
      out.flush();
      SpoolDrain.Result result =
          SpoolDrain.drain(
              r.fs, dir, r.root, id, timeoutSeconds * 1000, line -> env.err().println(line));
      long done = env.clock().millis();
      WriterState drained =
          w.state != null
              ? w.state.withDrained(done)
              : new WriterState(
                  id,
                  "drained by accesslog-flume",
                  done,
                  WriterState.NONE,
                  WriterState.NONE,
                  false,
                  done);
      r.registry.writeState(drained);
      out.println("drained: " + result);
      out.println(
          "writer "
              + id
              + " is marked drained and holds back no hour; running writers write the markers at"
              + " their next heartbeat"
              + (w.retired == null ? "; retire it with 'writers retire " + id + "'" : ""));
      out.flush();
      return result.corruptBlocks + result.lostRecords > 0 ? Main.DAMAGED : Main.OK;
    }

    private String writerOf(OpsTarget.Resolved r) throws IOException {
      String abs = dir.toAbsolutePath().normalize().toString();
      List<String> ids = new ArrayList<>();
      for (WriterInfo w : r.registry.list()) {
        if (w.claim != null && w.claim.contains("spool=" + abs)) {
          ids.add(w.writerId);
        }
      }
      if (ids.size() != 1) {
        throw new Main.UsageException(
            "which writer's spool is "
                + abs
                + "? "
                + (ids.isEmpty()
                    ? "no claim names it (a copied spool?)"
                    : "claims " + ids + " name it")
                + ": give --writer ID");
      }
      return ids.get(0);
    }
  }
}
