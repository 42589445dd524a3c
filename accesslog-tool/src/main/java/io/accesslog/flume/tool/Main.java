package io.accesslog.flume.tool;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code accesslog-flume}: the command line over the files the gzip sink stores. Subcommands {@code
 * query}, {@code stats}, {@code top}, {@code count}, {@code download}, and the operations
 * subcommands {@code hours status}, {@code writers list|retire}, {@code spool
 * inspect|verify|drain}; each is its own class and shares options through mixins.
 *
 * <p>Exit status: 0 answered; 1 answered, but some input was damaged or unreadable (reported on
 * stderr) or {@code --strict} stopped at damage; 2 a usage error (bad option, {@code --where},
 * config); 3 nothing selected (stderr says what was looked for).
 */
@Command(
    name = "accesslog-flume",
    mixinStandardHelpOptions = true,
    version = "accesslog-flume 0.1.0",
    description = {
      "Questions over the hour-bucketed gzip access-log files the gzip HDFS sink stores,",
      "and operations: hour markers (hours status), writer ids (writers list|retire), spools (spool"
          + " inspect|verify|drain)."
    },
    footer = {
      "",
      "Exit status: 0 answered; 1 damaged or unreadable input was skipped (or --strict stopped);"
          + " 2 usage error; 3 nothing selected.",
      "Run 'accesslog-flume help <command>' for a command's options."
    })
public class Main implements Runnable {
  public static final int OK = 0;
  public static final int DAMAGED = 1;
  public static final int USAGE = 2;
  public static final int NOTHING_SELECTED = 3;

  /** What a run needs from its environment; tests pass their own. */
  public record Env(
      OutputStream out,
      PrintStream err,
      Configuration hadoop,
      UnaryOperator<String> variables,
      Clock clock,
      boolean terminal) {}

  final Env env;

  Main(Env env) {
    this.env = env;
  }

  /**
   * The whole command line, every subcommand and {@code help}: for the top-level usage, {@code help
   * X} and anything that does not start with a subcommand's name.
   */
  @Command(
      subcommands = {
        QueryCommand.class,
        StatsCommand.class,
        TopCommand.class,
        CountCommand.class,
        DownloadCommand.class,
        HoursCommand.class,
        WritersCommand.class,
        SpoolCommand.class,
        CommandLine.HelpCommand.class
      })
  static final class Full extends Main {
    Full(Env env) {
      super(env);
    }
  }

  /**
   * Subcommands by name. A run that names one builds picocli's model of that one only: building
   * every subcommand's model by reflection was about half of the tool's start-up on the main
   * thread.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new HashMap<>();
    m.put("query", QueryCommand::new);
    m.put("stats", StatsCommand::new);
    m.put("top", TopCommand::new);
    m.put("count", CountCommand::new);
    m.put("download", DownloadCommand::new);
    m.put("hours", HoursCommand::new);
    m.put("writers", WritersCommand::new);
    m.put("spool", SpoolCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /** The subcommand names, for a test that checks they match {@link Full}'s. */
  static java.util.Set<String> subcommandNames() {
    return SUBCOMMANDS.keySet();
  }

  @Override
  public void run() {
    new CommandLine(new Full(env)).usage(env.err());
  }

  public static void main(String[] args) {
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    Env env =
        new Env(
            out,
            System.err,
            HadoopConf.create(),
            System::getenv,
            Clock.systemUTC(),
            stderrIsTerminal());
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
    Supplier<Object> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    CommandLine cl;
    if (only != null) {
      cl = new CommandLine(new Main(env));
      cl.addSubcommand(args[0], only.get());
    } else {
      cl = new CommandLine(new Full(env));
    }
    cl.setOut(
        new java.io.PrintWriter(
            new java.io.OutputStreamWriter(env.out(), java.nio.charset.StandardCharsets.UTF_8),
            true));
    cl.setErr(new java.io.PrintWriter(env.err(), true));
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          env.err().println("accesslog-flume: " + ex.getMessage());
          env.err()
              .println(
                  "Run 'accesslog-flume "
                      + (ex.getCommandLine().getCommandName().equals("accesslog-flume")
                          ? ""
                          : ex.getCommandLine().getCommandName() + " ")
                      + "--help' for the options.");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
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
