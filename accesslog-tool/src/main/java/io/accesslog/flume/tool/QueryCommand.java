package io.accesslog.flume.tool;

import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.scan.Collector;
import io.accesslog.flume.tool.scan.Question;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Print the matching lines, as stored, to stdout.",
      "Files are read in parallel: lines of one file keep their order, files interleave in blocks"
          + " (pipe to sort for a total order). Stops quietly when the reader of the pipe goes away (| head)."
    })
final class QueryCommand extends ScanCommand {
  @Option(names = "--limit", paramLabel = "N", description = "Stop after N lines.")
  long limit = Long.MAX_VALUE;

  @Option(
      names = "--json",
      description = {
        "One JSON object per matching line instead of the line: the format's"
            + " fields in format order, each the field's text as logged (nginx's '-' stays \"-\"; null when the line"
            + " has no such field), e.g. {\"remote_addr\":\"10.1.2.3\",\"remote_user\":\"-\",...,\"status\":\"502\",...}."
            + " With --format json the stored lines are JSON objects already and are printed as they are."
      })
  boolean json;

  /** The format's field names when --json splits lines (null: lines as stored). */
  private List<String> jsonFields;

  @Override
  List<String> outputFields() {
    return List.of();
  }

  @Override
  List<String> outputFields(LineFields fields) {
    if (json && fields.fieldNames() != null) {
      jsonFields = List.copyOf(fields.fieldNames());
      return jsonFields;
    }
    return List.of();
  }

  @Override
  int answer(Job job, Question q) throws Exception {
    Output out = new Output(main.env.out());
    AtomicLong printed = new AtomicLong();
    int code =
        job.scan(
            q,
            () ->
                new Collector() {
                  private byte[] buf = out.buffer();
                  private final JsonLine jsonLine =
                      jsonFields == null ? null : new JsonLine(jsonFields, q);
                  private int len;

                  @Override
                  public void line(
                      byte[] line, int lineOff, int lineLen, LineFields.Parsed p, long t)
                      throws IOException {
                    if (limit != Long.MAX_VALUE && printed.incrementAndGet() > limit) {
                      job.scan.cancel();
                      return;
                    }
                    byte[] b = line;
                    int off = lineOff;
                    int n = lineLen;
                    if (jsonLine != null) {
                      b = jsonLine.encode(p);
                      off = 0;
                      n = b.length;
                    }
                    if (len + n + 1 > buf.length) {
                      flush();
                      if (n + 1 > buf.length) {
                        out.writeLine(b, off, n);
                        return;
                      }
                    }
                    System.arraycopy(b, off, buf, len, n);
                    len += n;
                    buf[len++] = '\n';
                  }

                  private void flush() throws IOException {
                    buf = out.handOver(buf, len);
                    len = 0;
                  }

                  @Override
                  public void endOfChunk() throws IOException {
                    if (len > 64 * 1024) {
                      flush();
                    }
                  }

                  @Override
                  public void finish() throws IOException {
                    flush();
                    out.release(buf);
                  }
                },
            run);
    try {
      out.flush();
    } catch (IOException e) {
      // closed pipe
    }
    return code;
  }
}
