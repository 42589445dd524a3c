package io.accesslog.flume.tool.scan;

import io.accesslog.flume.core.GrowableBytes;
import io.accesslog.flume.interceptor.ByteScan;
import io.accesslog.flume.interceptor.LineFields;
import io.accesslog.flume.tool.gzip.Damage;
import io.accesslog.flume.tool.gzip.MemberListener;
import io.accesslog.flume.tool.gzip.MemberReader;
import io.accesslog.flume.tool.gzip.RandomInput;
import io.accesslog.flume.tool.select.SelectedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link Question} over the selected files: in parallel over files, and over byte ranges of
 * large files ({@link MemberReader} reads a range on its own), each task with its own reader,
 * parser state and {@link Collector}, streaming (a task holds one member at a time).
 *
 * <p>Threading: {@link #run} blocks until every task ends; tasks run on a pool this class creates
 * (named {@code accesslog-scan-N}) and shuts down. Counters are {@link LongAdder}s read by the
 * progress line. {@link #cancel()} (a closed output pipe, {@code --strict} on damage) makes tasks
 * stop at the next member.
 */
public final class Scan {
  /** Opens a selected file for reading; Hadoop's FileSystem in the tool. */
  public interface Opener {
    RandomInput open(SelectedFile file) throws IOException;
  }

  /** Reports as they happen (stderr in the tool). */
  public interface Reporter {
    void damaged(Damage damage);

    void unreadable(SelectedFile file, IOException e);
  }

  public final LongAdder compressedBytes = new LongAdder();
  public final LongAdder lines = new LongAdder();
  public final LongAdder matched = new LongAdder();
  public final LongAdder unparsed = new LongAdder();
  public final LongAdder members = new LongAdder();
  public final AtomicInteger filesDone = new AtomicInteger();
  public final List<Damage> damages = Collections.synchronizedList(new ArrayList<>());
  public final List<String> unreadable = Collections.synchronizedList(new ArrayList<>());

  private final Question question;
  private final Opener opener;
  private final Reporter reporter;
  private final int threads;
  private final long splitBytes;
  private final boolean strict;
  private final boolean useIsal;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * One reader per scanning thread, reused for every file: its buffers (a 1 MB output buffer is a
   * humongous object for G1 at a 2 GB heap) would otherwise be allocated per file and churn the old
   * generation.
   */
  private final List<MemberReader> allReaders = Collections.synchronizedList(new ArrayList<>());

  private final ThreadLocal<MemberReader> readers;
  private volatile Throwable failure;

  public Scan(
      Question question,
      Opener opener,
      Reporter reporter,
      int threads,
      long splitBytes,
      boolean strict,
      boolean useIsal) {
    this.useIsal = useIsal;
    this.readers =
        ThreadLocal.withInitial(
            () -> {
              MemberReader r = new MemberReader(16 << 20, useIsal);
              allReaders.add(r);
              return r;
            });
    this.question = question;
    this.opener = opener;
    this.reporter = reporter;
    this.threads = Math.max(1, threads);
    this.splitBytes = Math.max(1 << 20, splitBytes);
    this.strict = strict;
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean cancelled() {
    return cancelled.get();
  }

  /**
   * Scans every file; returns when all tasks are done (or cancelled).
   *
   * @throws IOException the first output failure of a collector (e.g. a closed pipe), after
   *     stopping
   */
  public void run(List<SelectedFile> files, Question.CollectorFactory collectors)
      throws IOException {
    List<Runnable> tasks = new ArrayList<>();
    for (SelectedFile f : files) {
      long len = f.length();
      int parts = (int) Math.max(1, Math.min(1024, len / splitBytes));
      AtomicInteger left = new AtomicInteger(parts);
      for (int i = 0; i < parts; i++) {
        long from = len * i / parts;
        long to = i == parts - 1 ? Long.MAX_VALUE : len * (i + 1) / parts;
        tasks.add(
            () -> {
              scanRange(f, from, to, collectors);
              if (left.decrementAndGet() == 0) {
                filesDone.incrementAndGet();
              }
            });
      }
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "accesslog-scan-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService pool = Executors.newFixedThreadPool(threads, tf);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          fail(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancel();
          break;
        }
      }
    } finally {
      pool.shutdownNow();
      try {
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
          System.err.println(
              "accesslog-flume: scan threads still running after 10 s; exiting anyway");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (pool.isTerminated()) {
        synchronized (allReaders) {
          allReaders.forEach(MemberReader::close);
          allReaders.clear();
        }
      }
    }
    Throwable t = failure;
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
    cancel();
  }

  private void scanRange(
      SelectedFile file, long from, long to, Question.CollectorFactory collectors) {
    if (cancelled.get()) {
      return;
    }
    Collector collector = collectors.get();
    MemberReader reader = readers.get();
    try (RandomInput in = opener.open(file)) {
      LineTask task = new LineTask(file, collector);
      reader.read(file.path(), in, from, to, task);
      task.flushCarry();
    } catch (OutputClosedException e) {
      fail(e);
    } catch (IOException e) {
      if (!cancelled.get()) {
        unreadable.add(file.path() + ": " + e);
        reporter.unreadable(file, e);
      }
    } catch (RuntimeException e) {
      fail(e);
    }
    try {
      collector.finish();
    } catch (IOException e) {
      fail(e);
    }
  }

  /**
   * Thrown by collectors when their output is gone (e.g. {@code | head}); stops the scan cleanly.
   */
  public static final class OutputClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputClosedException(IOException cause) {
      super("output closed", cause);
    }
  }

  /** Splits decoded bytes into lines and applies the question; one per task. */
  private final class LineTask implements MemberListener {
    private final SelectedFile file;
    private final Collector collector;
    private final boolean checkTime;
    private final boolean parse;
    private final long fromMillis;
    private final long toMillis;
    private final Latin1Chars chars = new Latin1Chars();
    private final java.util.regex.Matcher grep;
    private final LineFields.Parsed parsed;

    /** The start of a line that continues in the next chunk. */
    private final GrowableBytes carry = new GrowableBytes(0);

    private long localLines;
    private long localMatched;
    private long localUnparsed;

    LineTask(SelectedFile file, Collector collector) {
      this.file = file;
      this.collector = collector;
      Question q = question;
      this.checkTime =
          q.alwaysNeedTime || (!file.wholeHourInRange() && (q.from != null || q.to != null));
      this.parse = q.needFields || checkTime;
      this.fromMillis = q.from == null ? Long.MIN_VALUE : q.from.toEpochMilli();
      this.toMillis = q.to == null ? Long.MAX_VALUE : q.to.toEpochMilli();
      this.grep = q.grep == null ? null : q.grep.matcher("");
      this.parsed = q.extractor.newParsed();
    }

    @Override
    public void data(long memberOffset, byte[] buf, int len, long compressed) throws IOException {
      compressedBytes.add(compressed);
      if (len == 0) {
        return;
      }
      if (cancelled.get()) {
        throw new OutputClosedException(new IOException("cancelled"));
      }
      members.increment();
      int start = 0;
      if (carry.size() > 0) {
        int nl = indexOf(buf, 0, len);
        if (nl < 0) {
          carry.append(buf, 0, len);
          return;
        }
        carry.append(buf, 0, nl);
        line(carry.array(), 0, carry.size());
        carry.clear();
        start = nl + 1;
      }
      while (start < len) {
        int nl = indexOf(buf, start, len);
        if (nl < 0) {
          carry.append(buf, start, len - start);
          break;
        }
        line(buf, start, nl - start);
        start = nl + 1;
      }
      collector.endOfChunk();
      publishCounts();
    }

    /**
     * A member whose data does not end with a newline: its last line ends with the file (or range).
     */
    void flushCarry() throws IOException {
      if (carry.size() > 0) {
        line(carry.array(), 0, carry.size());
        carry.clear();
        collector.endOfChunk();
      }
      publishCounts();
    }

    private void publishCounts() {
      lines.add(localLines);
      matched.add(localMatched);
      unparsed.add(localUnparsed);
      localLines = 0;
      localMatched = 0;
      localUnparsed = 0;
    }

    private int indexOf(byte[] b, int from, int to) {
      return ByteScan.indexOf(b, from, to, (byte) '\n');
    }

    private void line(byte[] b, int off, int len) throws IOException {
      localLines++;
      for (byte[] text : question.requiredTexts) {
        if (ByteScan.indexOf(b, off, off + len, text) < 0) {
          return;
        }
      }
      if (grep != null && !grep.reset(chars.reset(b, off, len)).find()) {
        return;
      }
      if (!parse) {
        localMatched++;
        collector.line(b, off, len, null, LineFields.Parsed.NO_TIME);
        return;
      }
      LineFields.Parsed p = question.extractor.parse(b, off, off + len, parsed);
      if (p == null) {
        localUnparsed++;
        return;
      }
      parsedLine(b, off, len, p);
    }

    /** A line whose fields are parsed into {@code p}: the time and {@code --where} checks. */
    private void parsedLine(byte[] b, int off, int len, LineFields.Parsed p) throws IOException {
      long time = LineFields.Parsed.NO_TIME;
      if (checkTime) {
        time = p.timeMillis();
        if (time == LineFields.Parsed.NO_TIME) {
          localUnparsed++;
          return;
        }
        if (time < fromMillis || time >= toMillis) {
          return;
        }
      }
      for (Where w : question.wheres) {
        if (!w.test(p)) {
          return;
        }
      }
      localMatched++;
      collector.line(b, off, len, p, time);
    }

    @Override
    public void damaged(Damage damage) throws IOException {
      damages.add(damage);
      reporter.damaged(damage);
      if (strict) {
        cancel();
        throw new OutputClosedException(new IOException("--strict: " + damage.message()));
      }
    }
  }
}
