package io.accesslog.flume.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a README key table (markdown) from {@link ConfigKey} declarations, so docs and code cannot
 * drift apart; each module's {@code ReadmeTest} compares it with the README.
 */
public final class KeyTable {
  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();
  private String namePrefix = "";
  private String noDefault = "(none)";
  private String emptyDefault = "(empty)";

  private KeyTable(String... headers) {
    this.headers = headers.clone();
  }

  /** A table with the given four column headers: key, default, allowed, meaning. */
  public static KeyTable withHeaders(
      String key, String defaultValue, String allowed, String meaning) {
    return new KeyTable(key, defaultValue, allowed, meaning);
  }

  /** Text put before each key name, e.g. {@code --} for command-line options. */
  public KeyTable namePrefix(String prefix) {
    this.namePrefix = prefix;
    return this;
  }

  /** What the default column says for a key without a default. */
  public KeyTable noDefault(String text) {
    this.noDefault = text;
    return this;
  }

  /** What the default column says for an empty default. */
  public KeyTable emptyDefault(String text) {
    this.emptyDefault = text;
    return this;
  }

  public KeyTable keys(List<? extends ConfigKey<?>> keys) {
    for (ConfigKey<?> k : keys) {
      String d = k.defaultValue();
      rows.add(
          new String[] {
            "`" + namePrefix + k.name() + "`",
            d == null ? noDefault : d.isEmpty() ? emptyDefault : "`" + d + "`",
            escape(k.allowed()),
            escape(k.doc())
          });
    }
    return this;
  }

  /** A row that is not one key (a family such as {@code app.map.<input>}); cells as written. */
  public KeyTable row(String key, String defaultValue, String allowed, String meaning) {
    rows.add(new String[] {key, defaultValue, escape(allowed), escape(meaning)});
    return this;
  }

  public String markdown() {
    StringBuilder sb = new StringBuilder("|");
    for (String h : headers) {
      sb.append(' ').append(h).append(" |");
    }
    sb.append("\n|");
    for (int i = 0; i < headers.length; i++) {
      sb.append("---|");
    }
    sb.append('\n');
    for (String[] row : rows) {
      sb.append('|');
      for (String cell : row) {
        sb.append(' ').append(cell).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
