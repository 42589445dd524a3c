package io.accesslog.flume.sink.hour;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The marker rule, pure. An hour may get its marker when no writer holds it back. A writer holds
 * back hour {@code H} when it is not retired-with-spool-lost, was not drained, and its {@code
 * finishedThrough} is not past {@code H} - whether it is alive (it will finish at its close minute)
 * or down (its spool may hold lines of {@code H}; it holds the hour until it comes back, or its
 * spool is drained, or it is retired as lost). A writer whose state file is missing or unreadable
 * holds back every hour (it is named as such). A writer that lists the hour in its {@code
 * lateHours} (it holds late lines of it) holds it back too.
 */
public final class Holdback {
  /** One writer that holds an hour back, and why. */
  public static final class Holder {
    public final String writerId;
    public final String reason;

    Holder(String writerId, String reason) {
      this.writerId = writerId;
      this.reason = reason;
    }

    @Override
    public String toString() {
      return writerId + " (" + reason + ")";
    }
  }

  private Holdback() {}

  public static List<Holder> holders(
      Collection<WriterInfo> writers,
      long hourStart,
      long now,
      long staleAfterMillis,
      Hours hours) {
    List<Holder> out = new ArrayList<>();
    for (WriterInfo w : writers) {
      if (w.retiredLost()) {
        continue;
      }
      WriterState s = w.state;
      if (s == null) {
        out.add(
            new Holder(
                w.writerId, w.stateProblem == null ? "no state written yet" : w.stateProblem));
        continue;
      }
      boolean late = !s.drained() && s.lateHours.contains(hourStart);
      if (s.finished(hourStart) && !late) {
        continue;
      }
      boolean alive = s.alive(now, staleAfterMillis);
      String status =
          alive
              ? (s.recovering
                  ? "alive, recovering at start"
                  : late ? "alive, holds late lines" : "alive, not finished yet")
              : "DOWN since "
                  + java.time.Instant.ofEpochMilli(s.heartbeatMillis)
                  + ", "
                  + (late ? "holds late lines" : "may hold lines")
                  + " in its spool";
      if (w.retired != null) {
        status = "retired, spool not drained yet";
      }
      out.add(
          new Holder(w.writerId, status + "; finished through " + hours.label(s.finishedThrough)));
    }
    return out;
  }

  /** The first hour some writer holds back: hours before it may all be marked. */
  public static long markableThrough(Collection<WriterInfo> writers, long limit) {
    long through = limit;
    for (WriterInfo w : writers) {
      if (w.retiredLost()) {
        continue;
      }
      if (w.state == null) {
        return WriterState.NONE;
      }
      if (!w.state.drained()) {
        through = Math.min(through, w.state.finishedThrough);
      }
    }
    return through;
  }
}
