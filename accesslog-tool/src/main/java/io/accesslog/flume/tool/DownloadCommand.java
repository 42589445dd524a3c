package io.accesslog.flume.tool;

import io.accesslog.flume.tool.select.SelectedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the selected raw .gz files (as stored, every member) to a local directory, keeping their"
          + " paths below the root; each copy is checked against the length the file had when listed.",
      "Prints the local paths. Lines are not filtered: --where/--grep do not apply."
    })
final class DownloadCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin Options.Select select;

  @Option(
      names = "--dest",
      paramLabel = "DIR",
      required = true,
      description = "Local directory (created).")
  Path dest;

  @Option(names = "--threads", paramLabel = "N", description = "Parallel copies (default 4).")
  int threads = 4;

  @Option(names = "--json", description = "One JSON object per file: source, local, bytes.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Job job = new Job(main.env, select, new Options.Format());
    if (!job.select()) {
      return Main.NOTHING_SELECTED;
    }
    PrintStream out = new PrintStream(main.env.out(), true, StandardCharsets.UTF_8);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, threads),
            r -> {
              Thread t = new Thread(r, "accesslog-download-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    long bytes = 0;
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (SelectedFile f : job.selection.files()) {
        futures.add(pool.submit(() -> copy(job, f, out, failures)));
      }
      for (Future<Long> f : futures) {
        bytes += f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    main.env
        .err()
        .println(
            "accesslog-flume: copied "
                + (job.selection.files().size() - failures.size())
                + " of "
                + job.selection.files().size()
                + " files, "
                + bytes
                + " bytes, to "
                + dest);
    for (String f : failures) {
      main.env.err().println("accesslog-flume: " + f);
    }
    return failures.isEmpty() ? Main.OK : Main.DAMAGED;
  }

  /**
   * Copies the first {@code length} bytes (the file as listed: an in-progress file may grow
   * meanwhile).
   */
  private long copy(Job job, SelectedFile f, PrintStream out, List<String> failures) {
    Path local = dest.resolve(f.relative()).normalize();
    if (!local.startsWith(dest.normalize())) {
      failures.add(f.path() + ": refusing to write outside " + dest);
      return 0;
    }
    try {
      Files.createDirectories(local.getParent());
      long copied = 0;
      byte[] buf = new byte[1 << 20];
      try (InputStream in = job.fs.open(new org.apache.hadoop.fs.Path(f.path()));
          OutputStream o = Files.newOutputStream(local)) {
        while (copied < f.length()) {
          int r = in.read(buf, 0, (int) Math.min(buf.length, f.length() - copied));
          if (r < 0) {
            break;
          }
          o.write(buf, 0, r);
          copied += r;
        }
      }
      long size = Files.size(local);
      if (size != f.length()) {
        failures.add(f.path() + ": copied " + size + " bytes but it was listed with " + f.length());
        return size;
      }
      synchronized (out) {
        out.println(
            json
                ? "{\"source\":"
                    + Numbers.jsonString(f.path())
                    + ",\"local\":"
                    + Numbers.jsonString(local.toString())
                    + ",\"bytes\":"
                    + size
                    + "}"
                : local.toString());
      }
      return size;
    } catch (IOException e) {
      failures.add("cannot copy " + f.path() + ": " + Job.firstLine(e.toString()));
      return 0;
    }
  }
}
