package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Question;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand that scans lines: selection, format, filter and run options, then {@link #answer}.
 */
abstract class ScanCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin Options.Select select;

  @Mixin Options.Format format;

  @Mixin Options.Filter filter;

  @Mixin Options.Run run;

  /** Fields the output reads (besides --where's). */
  abstract List<String> outputFields();

  /** As {@link #outputFields()}, for outputs that depend on the format's fields (query --json). */
  List<String> outputFields(LineFields fields) {
    return outputFields();
  }

  /** Whether every line's time is needed (--every). */
  boolean needsTime() {
    return false;
  }

  @Override
  public final Integer call() throws Exception {
    Job job = new Job(main.env, select, format);
    LineFields fields = job.lineFields();
    Question q =
        new Question(
            fields,
            filter.where,
            filter.grep,
            job.criteria.from(),
            job.criteria.to(),
            outputFields(fields),
            needsTime());
    if (!job.select()) {
      return Main.NOTHING_SELECTED;
    }
    return answer(job, q);
  }

  abstract int answer(Job job, Question q) throws Exception;
}
