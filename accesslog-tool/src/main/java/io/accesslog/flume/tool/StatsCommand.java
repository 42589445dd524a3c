package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Collector;
import io.accesslog.flume.tool.scan.Question;
import io.accesslog.flume.tool.scan.ValueStats;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "count, min, max, mean, p50, p90, p99 of a numeric field over the matching lines.",
      "Quantiles are exact (nearest rank) while a group has at most --exact-limit distinct values, else a"
          + " t-digest (compression 200) whose result's rank is within 0.5 percentage points of q at p50 and"
          + " 0.2 at p90/p99; such values are marked '~'. Lines whose field is absent, '-' or not a number are"
          + " counted as 'no value'."
    })
final class StatsCommand extends ScanCommand {
  @Parameters(
      index = "0",
      paramLabel = "FIELD",
      description = "The numeric field, e.g. request_time.")
  String field;

  @Mixin Grouping grouping;

  @Option(
      names = "--exact-limit",
      paramLabel = "N",
      description =
          "Distinct values per group kept for exact quantiles (default 1000000; 0 = always t-digest).")
  int exactLimit = 1_000_000;

  @Option(names = "--json", description = "One JSON object per group.")
  boolean json;

  @Override
  List<String> outputFields() {
    List<String> f = new ArrayList<>(List.of(field));
    f.addAll(grouping.fields());
    return f;
  }

  @Override
  boolean needsTime() {
    return grouping.needsTime();
  }

  @Override
  int answer(Job job, Question q) throws Exception {
    grouping.bind(q);
    int index = q.fieldIndex(field);
    Map<String, ValueStats> total = new HashMap<>();
    LongAdder noValue = new LongAdder();
    int code =
        job.scan(
            q,
            () ->
                new Collector() {
                  private final Map<String, ValueStats> mine = new HashMap<>();
                  private long missing;

                  @Override
                  public void line(byte[] b, int off, int len, LineFields.Parsed p, long t) {
                    double v = p.number(index);
                    if (Double.isNaN(v)) {
                      missing++;
                      return;
                    }
                    mine.computeIfAbsent(grouping.key(p, t), k -> new ValueStats(exactLimit))
                        .add(v);
                  }

                  @Override
                  public void finish() {
                    noValue.add(missing);
                    synchronized (total) {
                      mine.forEach(
                          (k, s) ->
                              total.merge(
                                  k,
                                  s,
                                  (a, c) -> {
                                    a.merge(c);
                                    return a;
                                  }));
                    }
                  }
                },
            run);
    List<String> keys = new ArrayList<>(total.keySet());
    keys.sort(
        Comparator.comparingLong((String k) -> grouping.bucket(k))
            .thenComparing(k -> -total.get(k).count())
            .thenComparing(k -> k));
    PrintStream out = new PrintStream(main.env.out(), false, StandardCharsets.UTF_8);
    double[] qs = {0.5, 0.9, 0.99};
    if (json) {
      for (String k : keys) {
        ValueStats s = total.get(k);
        StringBuilder b = new StringBuilder("{");
        List<String> parts = grouping.parts(k);
        List<String> heads = grouping.headers();
        for (int i = 0; i < parts.size(); i++) {
          b.append(Numbers.jsonString(heads.get(i)))
              .append(':')
              .append(Numbers.jsonString(parts.get(i)))
              .append(',');
        }
        b.append("\"field\":")
            .append(Numbers.jsonString(field))
            .append(",\"count\":")
            .append(s.count())
            .append(",\"min\":")
            .append(Numbers.json(s.min()))
            .append(",\"max\":")
            .append(Numbers.json(s.max()))
            .append(",\"mean\":")
            .append(Numbers.json(s.mean()));
        for (double qq : qs) {
          b.append(",\"p")
              .append((int) Math.round(qq * 100))
              .append("\":")
              .append(Numbers.json(s.quantile(qq)));
        }
        b.append(",\"exact\":").append(s.exact()).append('}');
        out.println(b);
      }
      if (keys.isEmpty()) {
        out.println("{\"field\":" + Numbers.jsonString(field) + ",\"count\":0}");
      }
    } else {
      List<List<String>> rows = new ArrayList<>();
      List<String> head = new ArrayList<>(grouping.headers());
      head.addAll(List.of("count", "min", "max", "mean", "p50", "p90", "p99"));
      rows.add(head);
      for (String k : keys) {
        ValueStats s = total.get(k);
        List<String> r = new ArrayList<>(grouping.parts(k));
        String mark = s.exact() ? "" : "~";
        r.add(Long.toString(s.count()));
        r.add(Numbers.format(s.min()));
        r.add(Numbers.format(s.max()));
        r.add(Numbers.format(s.mean()));
        for (double qq : qs) {
          r.add(mark + Numbers.format(s.quantile(qq)));
        }
        rows.add(r);
      }
      if (keys.isEmpty()) {
        out.println(field + ": no matching line with a value");
      } else {
        Table.print(out, rows);
      }
    }
    if (noValue.sum() > 0) {
      main.env
          .err()
          .println(
              "accesslog-flume: " + noValue.sum() + " matching lines have no numeric " + field);
    }
    out.flush();
    return code;
  }
}
