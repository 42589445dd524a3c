package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.gzip.Damage;
import io.accesslog.flume.tool.scan.Question;
import io.accesslog.flume.tool.scan.Scan;
import io.accesslog.flume.tool.select.AgentConfig;
import io.accesslog.flume.tool.select.Layout;
import io.accesslog.flume.tool.select.SelectedFile;
import io.accesslog.flume.tool.select.Selection;
import io.accesslog.flume.tool.select.TimeArg;
import java.io.IOException;
import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One question from options to answer: layout, selection, fields, scan, reports. Used by every
 * subcommand.
 */
final class Job {
  final Main.Env env;
  final Layout layout;
  final Selection.Criteria criteria;
  final FileSystem fs;
  final Map<String, String> formatKeys;
  Selection.Result selection;
  Scan scan;

  Job(Main.Env env, Options.Select s, Options.Format f) {
    this.env = env;
    AgentConfig agent = null;
    if (s.config != null) {
      try {
        agent = AgentConfig.read(s.config, s.sink, env.variables());
      } catch (IOException e) {
        throw new Main.UsageException("--config " + s.config + ": cannot read it: " + e);
      }
    }
    Map<String, String> sinkKeys = agent == null ? Map.of() : agent.sinkKeys;
    String root = first(s.root, sinkKeys.get("hdfs.root"));
    if (root == null || root.isBlank()) {
      throw new Main.UsageException(
          "where are the files? give --root (the sink's hdfs.root) or --config with the"
              + " agent's .properties"
              + (agent == null ? "" : " (" + agent.description + " has no hdfs.root value)"));
    }
    ZoneId zone;
    String zoneText = first(s.layoutZone, sinkKeys.getOrDefault("hdfs.timeZone", "UTC"));
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new Main.UsageException("--layout-zone '" + zoneText + "': " + e.getMessage());
    }
    layout =
        new Layout(
            root,
            first(s.pathTemplate, sinkKeys.getOrDefault("hdfs.path", Layout.DEFAULT_PATH)),
            first(s.fileTemplate, sinkKeys.getOrDefault("hdfs.fileName", Layout.DEFAULT_FILE_NAME)),
            zone);
    Map<String, String> globs = new LinkedHashMap<>();
    globs.put("type", s.type == null ? "access" : s.type);
    if (s.app != null) {
      globs.put("app", s.app);
    }
    if (s.host != null) {
      globs.put("host", s.host);
    }
    Instant now = env.clock().instant();
    Instant from = s.from == null ? null : TimeArg.parse("--from", s.from, now);
    Instant to = s.to == null ? null : TimeArg.parse("--to", s.to, now);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new Main.UsageException("--from " + from + " must be before --to " + to);
    }
    criteria = new Selection.Criteria(globs, from, to, s.inProgress);
    formatKeys = new HashMap<>(agent == null ? Map.of() : agent.interceptorKeys);
    put(formatKeys, LineFields.FORMAT_KEY, f.format);
    put(formatKeys, LineFields.NGINX_LOG_FORMAT_KEY, f.logFormat);
    put(formatKeys, LineFields.REGEX_KEY, f.regex);
    put(formatKeys, LineFields.TIME_FIELD_KEY, f.timeField);
    put(formatKeys, LineFields.TIME_FORMAT_KEY, f.timeFormat);
    put(formatKeys, LineFields.TIME_ZONE_KEY, f.timeZone);
    KerberosLogin.login(
        env.hadoop(),
        blankToNull(first(s.principal, sinkKeys.get("hdfs.kerberosPrincipal"))),
        blankToNull(first(s.keytab, sinkKeys.get("hdfs.kerberosKeytab"))));
    try {
      fs = new Path(layout.root()).getFileSystem(env.hadoop());
    } catch (IOException e) {
      throw new Main.UsageException(
          "--root " + root + ": no file system for it: " + e.getMessage());
    }
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  LineFields lineFields() {
    return LineFields.fromKeys(formatKeys);
  }

  /** Lists the selection; false (after saying what was looked for) when it is empty. */
  boolean select() {
    try {
      selection = Selection.select(fs, layout, criteria);
    } catch (org.apache.hadoop.security.AccessControlException e) {
      throw new Main.UsageException(
          "permission denied listing " + layout.root() + ": " + firstLine(e.getMessage()));
    } catch (IOException e) {
      throw new Main.UsageException(
          "cannot list " + layout.root() + ": " + firstLine(e.toString()));
    }
    if (selection.files().isEmpty()) {
      env.err()
          .println(
              "accesslog-flume: nothing selected: looked for "
                  + criteria.describe(layout)
                  + "; globs "
                  + shorten(selection.globs())
                  + " matched "
                  + selection.directories()
                  + " directories"
                  + (selection.skippedNames() > 0
                      ? " (" + selection.skippedNames() + " files with other names)"
                      : ""));
      return false;
    }
    return true;
  }

  private static String shorten(List<String> globs) {
    return globs.size() <= 3
        ? globs.toString()
        : "["
            + globs.get(0)
            + " ... "
            + globs.get(globs.size() - 1)
            + "] ("
            + globs.size()
            + " hours)";
  }

  static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Scans the selection; returns the exit status (0, or 1 when input was damaged or unreadable).
   */
  int scan(Question question, Question.CollectorFactory collectors, Options.Run run)
      throws IOException {
    PrintStream err = env.err();
    scan =
        new Scan(
            question,
            file -> new HadoopInput(fs, file.path(), file.length()),
            new Scan.Reporter() {
              @Override
              public void damaged(Damage d) {
                synchronized (err) {
                  Progress.clearLine(err, progressOn(run));
                  err.println("accesslog-flume: damaged: " + d.message());
                }
              }

              @Override
              public void unreadable(SelectedFile file, IOException e) {
                synchronized (err) {
                  Progress.clearLine(err, progressOn(run));
                  err.println(
                      "accesslog-flume: cannot read "
                          + file.path()
                          + ": "
                          + firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
                }
              }
            },
            run.threads,
            run.splitMb << 20,
            run.strict,
            useIsal(run));
    Progress progress = progressOn(run) ? Progress.start(err, scan, selection) : null;
    boolean stopped = false;
    try {
      scan.run(selection.files(), collectors);
    } catch (Scan.OutputClosedException e) {
      stopped = true;
    } finally {
      if (progress != null) {
        progress.stop();
      }
    }
    if (run.strict && !scan.damages.isEmpty()) {
      err.println("accesslog-flume: --strict: stopped at the first damaged member");
      return Main.DAMAGED;
    }
    if (stopped) {
      return Main.OK; // output closed (| head): not an error
    }
    if (!scan.damages.isEmpty() || !scan.unreadable.isEmpty()) {
      err.println(
          "accesslog-flume: answered without "
              + scan.damages.size()
              + " damaged region(s) and "
              + scan.unreadable.size()
              + " unreadable file(s) (listed above)");
      return Main.DAMAGED;
    }
    return Main.OK;
  }

  private static boolean useIsal(Options.Run run) {
    return switch (run.inflater) {
      case "auto" -> true;
      case "jdk" -> false;
      default ->
          throw new Main.UsageException("--inflater '" + run.inflater + "': accepted: auto, jdk");
    };
  }

  boolean progressOn(Options.Run run) {
    return run.progress != null ? run.progress : env.terminal();
  }
}
