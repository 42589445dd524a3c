package io.accesslog.flume.tool;

import io.accesslog.flume.core.HdfsPaths;
import io.accesslog.flume.sink.hour.Holdback;
import io.accesslog.flume.sink.hour.HourStore;
import io.accesslog.flume.sink.hour.Marker;
import io.accesslog.flume.sink.hour.WriterInfo;
import io.accesslog.flume.tool.select.TimeArg;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hours status}: per hour and directory, complete (marker) or not, and which writers hold it
 * back.
 */
@Command(
    name = "hours",
    description = "Hour completeness across writers.",
    subcommands = {HoursCommand.Status.class})
final class HoursCommand extends CommandGroup {
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Per hour and directory (app): COMPLETE with the marker's files and lines, or WAITING and"
            + " which writers hold it back (alive and not finished yet, or DOWN with lines possibly"
            + " in their spool).",
        "A writer holds hour H back until it has finished H (H's close minute passed, nothing of H"
            + " buffered or in progress), its spool was drained ('spool drain') or it was retired"
            + " with --spool-lost."
      })
  static final class Status implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand HoursCommand parent;

    @Mixin OpsTarget target;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        description = "First hour (ISO-8601, now, -2h; default -24h).")
    String from = "-24h";

    @Option(names = "--to", paramLabel = "TIME", description = "Last hour (default now).")
    String to = "now";

    @Override
    public Integer call() throws IOException {
      Main.Env env = parent.env();
      OpsTarget.Resolved r = target.resolve(env);
      Instant now = env.clock().instant();
      long first = r.hours.floor(TimeArg.parse("--from", from, now).toEpochMilli());
      long last = r.hours.floor(TimeArg.parse("--to", to, now).toEpochMilli());
      List<WriterInfo> writers = r.registry.list();
      long open = r.hours.firstOpen(now.toEpochMilli());
      PrintWriter out = OpsTarget.out(env);
      int shown = 0;
      for (long h = first; h <= last; h = r.hours.next(h)) {
        for (String dir : r.store.globDirectories(r.hours.glob(r.root, r.pathTemplate, h))) {
          shown += line(out, r, dir, h, writers, open, now.toEpochMilli()) ? 1 : 0;
        }
      }
      if (shown == 0) {
        env.err()
            .println(
                "accesslog-flume: no hour directories under "
                    + r.root
                    + " ("
                    + r.pathTemplate
                    + ") from "
                    + r.hours.label(first)
                    + " to "
                    + r.hours.label(last));
        return Main.NOTHING_SELECTED;
      }
      out.flush();
      return Main.OK;
    }

    private boolean line(
        PrintWriter out,
        OpsTarget.Resolved r,
        String dir,
        long hour,
        List<WriterInfo> writers,
        long open,
        long now)
        throws IOException {
      int files = 0;
      int inProgress = 0;
      String markerText = null;
      for (HourStore.Entry e : r.store.list(dir)) {
        if (e.directory) {
          continue;
        }
        if (e.name.equals(r.marker)) {
          markerText = r.store.read(dir + "/" + e.name);
        } else if (e.name.endsWith(".gz")) {
          if (e.name.startsWith("_") || e.name.startsWith(".")) {
            inProgress++;
          } else {
            files++;
          }
        }
      }
      if (files + inProgress == 0 && markerText == null) {
        return false;
      }
      String rel = HdfsPaths.pathOnly(dir);
      String rootPath = HdfsPaths.pathOnly(r.root);
      if (rel.startsWith(rootPath + "/")) {
        rel = rel.substring(rootPath.length() + 1);
      }
      StringBuilder b =
          new StringBuilder(r.hours.label(hour)).append("  ").append(rel).append("  ");
      if (markerText != null) {
        Marker m = Marker.parse(markerText);
        b.append("COMPLETE  files=")
            .append(m.files.size())
            .append(" lines=")
            .append(m.lines())
            .append(" bytes=")
            .append(m.bytes())
            .append(" (marker revision ")
            .append(m.revision)
            .append(", by ")
            .append(m.writtenBy)
            .append(')');
        if (files != m.files.size()) {
          b.append("; ").append(files - m.files.size()).append(" file(s) added after the marker");
        }
      } else {
        b.append("WAITING   files=")
            .append(files)
            .append(" in-progress=")
            .append(inProgress)
            .append(" lines=-");
        if (hour >= open) {
          b.append("  hour not closed yet (roll.closeMinute)");
        }
        List<Holdback.Holder> holders =
            Holdback.holders(writers, hour, now, r.staleAfterMillis, r.hours);
        if (!holders.isEmpty()) {
          b.append("  held back by: ");
          for (int i = 0; i < holders.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(holders.get(i));
          }
        } else if (hour < open) {
          b.append(
              "  every writer finished it: a running writer writes the marker at its next"
                  + " heartbeat");
        }
      }
      out.println(b);
      return true;
    }
  }
}
