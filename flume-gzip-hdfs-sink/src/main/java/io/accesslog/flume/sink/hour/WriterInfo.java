package io.accesslog.flume.sink.hour;

/** One writer id of a root as the registry sees it: claim, state, retirement. Immutable. */
public final class WriterInfo {
  public final String writerId;

  /** The claim's content (host, spool), or null when there is no claim. */
  public final String claim;

  /** The last state it published, or null (see {@link #stateProblem}). */
  public final WriterState state;

  public final String stateProblem;

  /** The retirement record, or null. */
  public final Retirement retired;

  public WriterInfo(
      String writerId, String claim, WriterState state, String stateProblem, Retirement retired) {
    this.writerId = writerId;
    this.claim = claim;
    this.state = state;
    this.stateProblem = stateProblem;
    this.retired = retired;
  }

  /** Retired with its spool declared lost: it holds back nothing. */
  public boolean retiredLost() {
    return retired != null && retired.spoolLost;
  }

  /** A writer's retirement: when, and whether its spool is to be drained or was lost. */
  public static final class Retirement {
    public final long atMillis;
    public final boolean spoolLost;
    public final String note;

    public Retirement(long atMillis, boolean spoolLost, String note) {
      this.atMillis = atMillis;
      this.spoolLost = spoolLost;
      this.note = note;
    }

    String format() {
      return "retired="
          + atMillis
          + "\nspoolLost="
          + spoolLost
          + "\nnote="
          + note.replace('\n', ' ')
          + "\n";
    }

    static Retirement parse(String text) {
      java.util.Properties p = new java.util.Properties();
      try {
        p.load(new java.io.StringReader(text));
        return new Retirement(
            Long.parseLong(p.getProperty("retired", "0")),
            Boolean.parseBoolean(p.getProperty("spoolLost", "false")),
            p.getProperty("note", ""));
      } catch (java.io.IOException | NumberFormatException e) {
        return new Retirement(0, false, "unreadable retirement record: " + e.getMessage());
      }
    }
  }
}
