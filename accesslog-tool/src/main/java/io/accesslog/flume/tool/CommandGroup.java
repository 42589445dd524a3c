package io.accesslog.flume.tool;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code hours}, {@code writers}, {@code spool}): run alone
 * it prints its usage; its subcommands reach the run's {@link Main.Env} through it.
 */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** The environment of the run (the root command's). */
  Main.Env env() {
    return ((Main) spec.parent().userObject()).env;
  }
}
