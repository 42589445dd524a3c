package io.accesslog.flume.source.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;

/**
 * A "Migrating from stock Flume" table of the top README checked against a settings class: a key
 * marked {@code same} is accepted and honoured, one marked {@code renamed}, {@code not needed} or
 * {@code not supported} fails configure() with a message naming it (and, when renamed, its new
 * name). A row without a sample value fails, so the table and the tests cannot drift apart.
 */
public final class StockKeyTable {

  private StockKeyTable() {}

  /** One sample setting for a table row: the key and value to set, and what must then hold. */
  private static final class Sample<S> {
    final String key;
    final String value;
    final Consumer<S> honoured;

    Sample(String key, String value, Consumer<S> honoured) {
      this.key = key;
      this.value = value;
      this.honoured = honoured;
    }
  }

  /** The sample settings of one table, by row (the stock key). */
  public static final class Samples<S> {
    private final Map<String, Sample<S>> byRow = new HashMap<>();

    /** Setting {@code key} to {@code value} must be accepted, and then {@code honoured} holds. */
    public void add(String row, String key, String value, Consumer<S> honoured) {
      byRow.put(row, new Sample<>(key, value, honoured));
    }

    /** The row's key, set, must fail configure. */
    public void refused(String key) {
      add(key, key, "x", s -> {});
    }
  }

  /**
   * Checks every row under {@code heading} of the top README.
   *
   * @param samples a sample setting per stock key of the table
   * @param base a valid configuration the sample is added to
   * @param parse the settings class's parse
   */
  public static <S> void check(
      String heading, Samples<S> samples, Map<String, String> base, Function<Context, S> parse)
      throws IOException {
    check(table(heading), samples.byRow, base, parse);
  }

  /**
   * Each {@code {typo, nearest}} pair: the typo, set to 1 in {@code config}'s configuration, fails
   * {@code parse} naming it and suggesting the nearest known key.
   */
  public static void assertTyposSuggest(
      String[][] typos,
      Function<Map<String, String>, Map<String, String>> config,
      Function<Context, ?> parse) {
    for (String[] typo : typos) {
      Map<String, String> context = config.apply(Collections.singletonMap(typo[0], "1"));
      String message =
          assertThrows(
                  ConfigurationException.class, () -> parse.apply(new Context(context)), typo[0])
              .getMessage();
      assertTrue(
          message.contains("unknown key '" + typo[0] + "'")
              && message.contains("did you mean '" + typo[1] + "'"),
          message);
    }
  }

  /** A row of a migration table: the stock key(s), our key, the status. */
  private static final class Row {
    final List<String> stockKeys = new ArrayList<>();
    String ours;
    String status;
  }

  private static List<Row> table(String heading) throws IOException {
    String readme =
        new String(Files.readAllBytes(Paths.get("../README.md")), StandardCharsets.UTF_8);
    int start = readme.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "README.md has no heading " + heading);
    List<Row> rows = new ArrayList<>();
    String[] lines = readme.substring(start + heading.length() + 2).split("\n");
    for (String line : lines) {
      if (line.startsWith("#")) {
        break;
      }
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      Row row = new Row();
      for (String part : cells[1].split(",")) {
        row.stockKeys.add(part.trim().replace("`", ""));
      }
      row.ours = cells[2].trim().replace("`", "");
      row.status = cells[3].trim();
      rows.add(row);
    }
    assertFalse(rows.isEmpty(), heading);
    return rows;
  }

  private static <S> void check(
      List<Row> rows,
      Map<String, Sample<S>> samples,
      Map<String, String> base,
      Function<Context, S> parse) {
    for (Row row : rows) {
      for (String stockKey : row.stockKeys) {
        Sample<S> sample = samples.get(stockKey);
        assertNotNull(sample, "no sample value for README row " + stockKey);
        Map<String, String> config = new HashMap<>(base);
        if (sample.key.equals("kafka.topics.regex")) {
          config.remove("kafka.topics");
        }
        config.put(sample.key, sample.value);
        Context context = new Context(config);
        switch (row.status) {
          case "same":
            sample.honoured.accept(parse.apply(context));
            break;
          case "renamed":
          case "not needed":
          case "not supported":
            String message =
                assertThrows(ConfigurationException.class, () -> parse.apply(context), stockKey)
                    .getMessage();
            assertTrue(message.contains(stockKey), message);
            if (row.status.equals("renamed")) {
              assertTrue(message.contains("renamed: use " + row.ours), message);
            } else {
              assertTrue(message.contains(row.status) || message.contains("remove it"), message);
            }
            break;
          default:
            throw new AssertionError(
                "README row " + stockKey + ": unknown status '" + row.status + "'");
        }
      }
    }
  }
}
