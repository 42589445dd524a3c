package io.accesslog.flume.tool;

import io.accesslog.flume.tool.scan.Question;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "top",
    mixinStandardHelpOptions = true,
    description = {
      "The most frequent values of a field over the matching lines, with counts (exact).",
      "An absent field counts as '-'."
    })
final class TopCommand extends ScanCommand {
  @Parameters(
      index = "0",
      paramLabel = "FIELD",
      description = "E.g. request, remote_addr, http_user_agent.")
  String field;

  @Option(names = "-n", paramLabel = "N", description = "How many values (default 20).")
  int n = 20;

  @Option(names = "--json", description = "One JSON object per value.")
  boolean json;

  @Override
  List<String> outputFields() {
    return List.of(field);
  }

  @Override
  int answer(Job job, Question q) throws Exception {
    int index = q.fieldIndex(field);
    GroupCounts counts = new GroupCounts();
    int code =
        job.scan(q, () -> counts.collector((p, t) -> Grouping.valueOf(p.string(index))), run);
    print(
        new PrintStream(main.env.out(), false, StandardCharsets.UTF_8),
        field,
        counts.total,
        n,
        json);
    return code;
  }

  /** Values by count (desc), then value; at most {@code limit}. */
  static void print(
      PrintStream out, String field, Map<String, Long> counts, int limit, boolean json) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey));
    List<Map.Entry<String, Long>> shown = entries.subList(0, Math.min(limit, entries.size()));
    if (json) {
      for (Map.Entry<String, Long> e : shown) {
        out.println(
            "{"
                + Numbers.jsonString(field)
                + ":"
                + Numbers.jsonString(e.getKey())
                + ",\"count\":"
                + e.getValue()
                + "}");
      }
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("count", field));
      for (Map.Entry<String, Long> e : shown) {
        rows.add(List.of(Long.toString(e.getValue()), e.getKey()));
      }
      Table.print(out, rows);
    }
    out.flush();
  }
}
