package io.accesslog.flume.sink.hdfs;

import io.accesslog.flume.core.Clock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds HDFS calls in time: each call runs on a thread of a small pool owned here, as the sink's
 * HDFS user, and the caller waits at most its timeout. A call that does not return in time is
 * abandoned: the caller gets a {@link CallTimeoutException} (a retriable failure), the call's
 * thread is interrupted (Hadoop's client gives up a blocked RPC or DataNode wait when interrupted),
 * and it is counted as stuck until it returns.
 *
 * <p><b>One call per path.</b> While an abandoned call on a path is still running, every new call
 * on that path fails at once (retriable), so a retry never races a call it replaced: the retried
 * write resolves the file's length (lease recovery, then the length) only once the old call is
 * over. Without that, an old append released late could land after the retry measured the file and
 * be written twice.
 *
 * <p><b>Threads.</b> At most {@code maxThreads} calls run at once, stuck ones included; a call
 * beyond that fails at once (retriable) rather than queue behind stuck ones. Threads are created on
 * demand, named {@code <name>-N}, daemon, and end after a minute idle. Thread-safe.
 */
public final class TimedCalls implements AutoCloseable {
  private static final long IDLE_THREAD_SECONDS = 60;

  private final long timeoutMillis;
  private final Clock clock;
  private final UserContext user;
  private final ThreadPoolExecutor pool;
  private final ConcurrentHashMap<String, Call<?>> abandonedByPath = new ConcurrentHashMap<>();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicInteger stuck = new AtomicInteger();
  private final Object returned = new Object(); // notified when an abandoned call returns

  /**
   * @param name prefix of the thread names
   * @param timeoutMillis {@code hdfs.callTimeout}
   * @param maxThreads calls that may run at once, abandoned ones included
   */
  public TimedCalls(String name, long timeoutMillis, int maxThreads, UserContext user) {
    this(name, timeoutMillis, maxThreads, user, Clock.SYSTEM);
  }

  /**
   * As above, with {@code clock} deciding when a call's wait runs out ({@link Clock#await}; tests:
   * without real time) and measuring how long ago a call was abandoned.
   */
  public TimedCalls(
      String name, long timeoutMillis, int maxThreads, UserContext user, Clock clock) {
    this.timeoutMillis = timeoutMillis;
    this.clock = clock;
    this.user = user;
    final AtomicInteger number = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            IDLE_THREAD_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread t = new Thread(runnable, name + "-" + number.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Waits up to {@code millis} until every call that timed out has returned (its path free again).
   *
   * @return true when none is stuck
   */
  public boolean awaitNoneStuck(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (returned) {
      while (stuck.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(returned, left);
      }
    }
    return true;
  }

  /** A piece of HDFS work. */
  public interface HdfsCall<T> {
    T call() throws IOException;
  }

  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** Calls that timed out since start. */
  public long timeouts() {
    return timeouts.get();
  }

  /** Calls that timed out and have not returned yet (their threads are still busy). */
  public int stuck() {
    return stuck.get();
  }

  /**
   * Runs {@code call} as the HDFS user, waiting at most {@code hdfs.callTimeout + extraMillis}.
   *
   * @param what the operation, for messages ({@code "append"}, {@code "rename"})
   * @param paths the HDFS paths the call touches
   * @throws CallTimeoutException when it did not return in time, or an earlier call on one of
   *     {@code paths} that did not is still running
   */
  public <T> T call(String what, long extraMillis, HdfsCall<T> call, String... paths)
      throws IOException {
    return call(what, extraMillis, null, call, paths);
  }

  /**
   * Runs a long call (a listing) that reports {@code progress}: it is abandoned only when no
   * progress was reported for {@code hdfs.callTimeout}.
   */
  public <T> T callWithProgress(String what, AtomicLong progress, HdfsCall<T> call, String... paths)
      throws IOException {
    return call(what, 0, progress, call, paths);
  }

  private <T> T call(
      String what, long extraMillis, AtomicLong progress, HdfsCall<T> call, String... paths)
      throws IOException {
    List<String> touched = Collections.unmodifiableList(Arrays.asList(paths));
    for (String path : touched) {
      Call<?> earlier = abandonedByPath.get(path);
      if (earlier != null) {
        throw new CallTimeoutException(
            what
                + " "
                + path
                + " not started: an earlier "
                + earlier.what
                + " of it "
                + "timed out "
                + (clock.nanos() - earlier.startNanos) / 1_000_000
                + " ms ago and has not returned "
                + "yet (HdfsCallsStuck "
                + stuck.get()
                + "); retried later");
      }
    }
    Call<T> task = new Call<>(what, touched, call);
    Future<T> future;
    try {
      future = pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw new CallTimeoutException(
          what
              + " "
              + touched
              + " not started: all "
              + pool.getMaximumPoolSize()
              + " HDFS call threads are busy ("
              + stuck.get()
              + " with calls that timed out and have not returned); "
              + "retried later");
    }
    long limit = timeoutMillis + extraMillis;
    try {
      return progress == null ? clock.await(future, limit) : awaitProgressing(future, progress);
    } catch (TimeoutException e) {
      timeouts.incrementAndGet();
      String message =
          what
              + " "
              + String.join(", ", touched)
              + " did not return within "
              + limit
              + " ms (hdfs.callTimeout"
              + (extraMillis > 0 ? " + hdfs.recoveryTimeout" : "")
              + "); abandoned, "
              + "its thread interrupted; counts as a failed write and is retried";
      if (task.state.compareAndSet(Call.PENDING, Call.ABANDONED)) {
        future.cancel(false); // never started: it never will
        throw new CallTimeoutException(message);
      }
      for (String path : touched) {
        abandonedByPath.put(path, task);
      }
      stuck.incrementAndGet();
      if (task.state.compareAndSet(Call.RUNNING, Call.ABANDONED)) {
        future.cancel(true);
        throw new CallTimeoutException(message);
      }
      // It returned just now.
      stuck.decrementAndGet();
      timeouts.decrementAndGet();
      task.forget();
      return result(future);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted waiting for " + what + " " + touched);
      interrupted.initCause(e);
      throw interrupted;
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /** Waits while the call reports progress at least once per timeout. */
  private <T> T awaitProgressing(Future<T> future, AtomicLong progress)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      long seen = progress.get();
      try {
        return clock.await(future, timeoutMillis);
      } catch (TimeoutException e) {
        if (progress.get() == seen) {
          throw e;
        }
      }
    }
  }

  private static <T> T result(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  private static IOException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IOException) {
      return (IOException) cause;
    }
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return new IOException(cause);
  }

  /** Interrupts every running call and stops the threads. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** One call; abandoned calls clear their paths and the stuck count when they finally return. */
  private final class Call<T> implements Callable<T> {
    static final int PENDING = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int ABANDONED = 3;

    final String what;
    final List<String> paths;
    final HdfsCall<T> body;
    final AtomicInteger state = new AtomicInteger(PENDING);
    final long startNanos = clock.nanos();

    Call(String what, List<String> paths, HdfsCall<T> body) {
      this.what = what;
      this.paths = paths;
      this.body = body;
    }

    @Override
    public T call() throws Exception {
      if (!state.compareAndSet(PENDING, RUNNING)) {
        throw new CallTimeoutException(what + " abandoned before it started");
      }
      try {
        return user.call(body::call);
      } finally {
        if (!state.compareAndSet(RUNNING, DONE)) {
          stuck.decrementAndGet();
          forget();
          synchronized (returned) {
            returned.notifyAll();
          }
        }
      }
    }

    void forget() {
      for (String path : paths) {
        abandonedByPath.remove(path, this);
      }
    }
  }
}
