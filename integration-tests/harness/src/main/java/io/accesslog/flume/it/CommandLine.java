package io.accesslog.flume.it;

import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --name value} pairs for the harness mains; an unknown name fails, listing the known ones.
 */
final class CommandLine {
  private CommandLine() {}

  /**
   * Calls the handler of each {@code --name} with its value ({@code _} digit separators removed).
   */
  static void parse(String[] args, Map<String, Consumer<String>> handlers) {
    for (int i = 0; i < args.length; i++) {
      String key = args[i];
      Consumer<String> handler = handlers.get(key);
      if (handler == null) {
        throw new IllegalArgumentException(
            "unknown option "
                + key
                + "; known: "
                + String.join(" ", new java.util.TreeSet<>(handlers.keySet())));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + key + " needs a value");
      }
      String value = args[++i];
      handler.accept(value.matches("[0-9_]+") ? value.replace("_", "") : value);
    }
  }

  /** {@code key=value} split in two; fails naming the option otherwise. */
  static String[] keyValue(String option, String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(option + " takes key=value, not '" + text + "'");
    }
    return new String[] {text.substring(0, eq), text.substring(eq + 1)};
  }
}
