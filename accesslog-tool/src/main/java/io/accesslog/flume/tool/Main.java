package io.accesslog.flume.tool;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code accesslog-flume}: the command line over the files the gzip sink stores. Subcommands {@code
 * query}, {@code stats}, {@code top}, {@code count}, {@code download}, and the operations subcommands
 * {@code hours status}, {@code writers list|retire}, {@code spool inspect|verify|drain}; each is its own
 * class and shares options through mixins.
 *
 * <p>Exit status: 0 answered; 1 answered, but some input was damaged or unreadable (reported on
 * stderr) or {@code --strict} stopped at damage; 2 a usage error (bad option, {@code --where},
 * config); 3 nothing selected (stderr says what was looked for).
 */
@Command(name = "accesslog-flume", mixinStandardHelpOptions = true, version = "accesslog-flume 0.1.0",
    description = {"Questions over the hour-bucketed gzip access-log files the gzip HDFS sink stores,",
        "and operations: hour markers (hours status), writer ids (writers list|retire), spools (spool"
            + " inspect|verify|drain)."},
    subcommands = {QueryCommand.class, StatsCommand.class, TopCommand.class, CountCommand.class,
        DownloadCommand.class, HoursCommand.class, WritersCommand.class, SpoolCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit status: 0 answered; 1 damaged or unreadable input was skipped (or --strict stopped);"
        + " 2 usage error; 3 nothing selected.", "Run 'accesslog-flume help <command>' for a command's options."})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int DAMAGED = 1;
  public static final int USAGE = 2;
  public static final int NOTHING_SELECTED = 3;

  /** What a run needs from its environment; tests pass their own. */
  public record Env(OutputStream out, PrintStream err, Configuration hadoop, UnaryOperator<String> variables,
      Clock clock, boolean terminal) {}

  final Env env;

  Main(Env env) {
    this.env = env;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(env.err());
  }

  public static void main(String[] args) {
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    Env env = new Env(out, System.err, HadoopConf.create(), System::getenv, Clock.systemUTC(), stderrIsTerminal());
    int code = execute(args, env);
    try {
      out.flush();
    } catch (java.io.IOException e) {
      // a closed pipe: nothing to tell anyone
    }
    System.exit(code);
  }

  /** Runs one command line; returns the exit status. */
  public static int execute(String[] args, Env env) {
    CommandLine cl = new CommandLine(new Main(env));
    cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(env.out(), java.nio.charset.StandardCharsets.UTF_8),
        true));
    cl.setErr(new java.io.PrintWriter(env.err(), true));
    cl.setParameterExceptionHandler((ex, a) -> {
      env.err().println("accesslog-flume: " + ex.getMessage());
      env.err().println("Run 'accesslog-flume " + (ex.getCommandLine().getCommandName().equals("accesslog-flume")
          ? "" : ex.getCommandLine().getCommandName() + " ") + "--help' for the options.");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
        env.err().println("accesslog-flume: " + ex.getMessage());
        return USAGE;
      }
      env.err().println("accesslog-flume: " + ex);
      return DAMAGED;
    });
    return cl.execute(args);
  }

  /** A bad option value or config, reported as one line with exit status 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }
}
