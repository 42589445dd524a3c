package io.accesslog.flume.sink.buffer;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work the workers finished, waiting for the runner thread: workers {@link #add} a completion, the
 * runner applies them all with its own {@code now}, so the engine's state is touched by the runner
 * only. A completion that throws is a bug, not an IO failure (those are outcomes): the first one is
 * kept for {@link #rethrowFailure}.
 */
final class Completions {
  /** Work finished on a worker, applied by the runner with the runner's {@code now}. */
  interface Completion {
    void apply(long now);
  }

  private final ConcurrentLinkedQueue<Completion> queue = new ConcurrentLinkedQueue<>();
  private volatile RuntimeException failure;

  /** Any thread. */
  void add(Completion completion) {
    queue.add(completion);
  }

  /** Runner thread: applies every completion posted so far. */
  void applyAll(long now) {
    Completion c;
    while ((c = queue.poll()) != null) {
      try {
        c.apply(now);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Throws the first completion's unexpected error, if any. */
  void rethrowFailure() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }
}
