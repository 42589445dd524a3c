package io.accesslog.flume.tool;

import io.accesslog.flume.tool.scan.Question;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    description = {
      "Count the matching lines: in total, or per value of --by and/or per --every time bucket."
    })
final class CountCommand extends ScanCommand {
  @Mixin Grouping grouping;

  @Option(names = "--json", description = "JSON: {\"count\":N}, or one object per group.")
  boolean json;

  @Override
  List<String> outputFields() {
    return grouping.fields();
  }

  @Override
  boolean needsTime() {
    return grouping.needsTime();
  }

  @Override
  int answer(Job job, Question q) throws Exception {
    grouping.bind(q);
    GroupCounts counts = new GroupCounts();
    int code = job.scan(q, () -> counts.collector(grouping::key), run);
    PrintStream out = new PrintStream(main.env.out(), false, StandardCharsets.UTF_8);
    if (!grouping.grouped()) {
      long n = counts.total.getOrDefault("", 0L);
      out.println(json ? "{\"count\":" + n + "}" : Long.toString(n));
      out.flush();
      return code;
    }
    List<String> keys = new ArrayList<>(counts.total.keySet());
    keys.sort(
        Comparator.comparingLong((String k) -> grouping.bucket(k))
            .thenComparing(k -> -counts.total.get(k))
            .thenComparing(k -> k));
    List<String> heads = grouping.headers();
    List<List<String>> rows = new ArrayList<>();
    List<String> head = new ArrayList<>(heads);
    head.add("count");
    rows.add(head);
    for (String k : keys) {
      List<String> parts = grouping.parts(k);
      if (json) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < parts.size(); i++) {
          b.append(Numbers.jsonString(heads.get(i)))
              .append(':')
              .append(Numbers.jsonString(parts.get(i)))
              .append(',');
        }
        out.println(b.append("\"count\":").append(counts.total.get(k)).append('}'));
      } else {
        List<String> r = new ArrayList<>(parts);
        r.add(Long.toString(counts.total.get(k)));
        rows.add(r);
      }
    }
    if (!json) {
      Table.print(out, rows);
    }
    out.flush();
    return code;
  }
}
