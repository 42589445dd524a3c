package io.accesslog.flume.sink.route;

/**
 * Names the files of one writer: {@code <fileBase>.w-<writerId>.<seq>.gz}, where seq has at least
 * four digits, and the in-progress name {@code _<final name>} that Hadoop, Hive and Spark skip.
 * {@link #parse} is the inverse for this writer only, so a restarted sink can find its own
 * in-progress files and the highest sequence per target.
 *
 * <p>Why another writer's names never parse: names are matched from the end, and a writer id may
 * not contain {@code .w-}. If {@code B.w-X.S.gz} matched our id {@code O}, then {@code .w-O} would
 * be a suffix of {@code B.w-X}: if O is shorter than X, X contains {@code .w-}; if longer, O does;
 * so O = X.
 *
 * <p>Immutable and thread-safe.
 */
public final class FileNamer {
  static final String WRITER_MARK = ".w-";
  static final String SUFFIX = ".gz";
  static final String IN_PROGRESS_PREFIX = "_";
  static final int MIN_SEQ_DIGITS = 4;

  /**
   * Longest text added around a file base: {@code _}, {@code .w-}, a 64-char writer id, {@code .},
   * 10 digits of sequence and {@code .gz}. File-name templates are sized so the result fits HDFS.
   */
  static final int MAX_DECORATION_LENGTH =
      IN_PROGRESS_PREFIX.length()
          + WRITER_MARK.length()
          + PathSanitizer.MAX_LENGTH
          + 1
          + 10
          + SUFFIX.length();

  private final String writerId;

  /** {@code .w-<writerId>.}, the part every name of ours has between base and sequence. */
  private final String writerPart;

  /**
   * @throws IllegalArgumentException if the id is not a valid writer id (see {@link
   *     RouteSettings#WRITER_ID_KEY}); take it from {@link RouteSettings#writerId()}
   */
  public FileNamer(String writerId) {
    if (!isValidWriterId(writerId)) {
      throw new IllegalArgumentException("invalid writer id: '" + writerId + "'");
    }
    this.writerId = writerId;
    this.writerPart = WRITER_MARK + writerId + ".";
  }

  /**
   * 1-64 chars of {@code [A-Za-z0-9._-]} with a letter or digit, not starting with {@code .},
   * without {@code .w-}. Unchanged from earlier versions so existing ids stay valid; a writer id
   * never starts a name, so a leading {@code _} hides nothing.
   */
  static boolean isValidWriterId(String id) {
    if (id == null
        || id.isEmpty()
        || id.length() > PathSanitizer.MAX_LENGTH
        || id.charAt(0) == '.'
        || id.contains(WRITER_MARK)) {
      return false;
    }
    boolean letterOrDigit = false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!PathSanitizer.isSafe(c)) {
        return false;
      }
      letterOrDigit |= PathSanitizer.isLetterOrDigit(c);
    }
    return letterOrDigit;
  }

  public String writerId() {
    return writerId;
  }

  public String finalName(Target target, int seq) {
    return finalName(target.fileBase(), seq);
  }

  public String inProgressName(Target target, int seq) {
    return IN_PROGRESS_PREFIX + finalName(target.fileBase(), seq);
  }

  /** Final name for a file base, e.g. from {@link ParsedName#fileBase()} during recovery. */
  public String finalName(String fileBase, int seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("sequence must be >= 0: " + seq);
    }
    String digits = Integer.toString(seq);
    StringBuilder b =
        new StringBuilder(fileBase.length() + writerPart.length() + 10 + SUFFIX.length());
    b.append(fileBase).append(writerPart);
    for (int i = digits.length(); i < MIN_SEQ_DIGITS; i++) {
      b.append('0');
    }
    return b.append(digits).append(SUFFIX).toString();
  }

  /**
   * The parts of a name this writer produced, or null for anything else (another writer's file,
   * foreign files, malformed sequences). A leading {@code _} marks an in-progress name; routing
   * never produces a file base starting with {@code _} (templates' literal text may not, header
   * values are sanitized, and the router prefixes an exempt error type with {@code x}).
   */
  public ParsedName parse(String name) {
    if (name == null || !name.endsWith(SUFFIX)) {
      return null;
    }
    boolean inProgress = name.startsWith(IN_PROGRESS_PREFIX);
    int from = inProgress ? IN_PROGRESS_PREFIX.length() : 0;
    int seqEnd = name.length() - SUFFIX.length();
    int seqStart = name.lastIndexOf('.', seqEnd - 1) + 1;
    if (seqStart <= from) {
      return null;
    }
    int seq = parseSeq(name, seqStart, seqEnd);
    int baseEnd = seqStart - writerPart.length();
    if (seq < 0 || baseEnd <= from || !name.startsWith(writerPart, baseEnd)) {
      return null;
    }
    return new ParsedName(name.substring(from, baseEnd), seq, inProgress);
  }

  /** Digits as finalName writes them (>= 4, no extra leading zero), else -1. */
  private static int parseSeq(String s, int start, int end) {
    int n = end - start;
    if (n < MIN_SEQ_DIGITS || n > 10 || (n > MIN_SEQ_DIGITS && s.charAt(start) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  /** A parsed file name of this writer. Immutable value. */
  public static final class ParsedName {
    private final String fileBase;
    private final int seq;
    private final boolean inProgress;

    ParsedName(String fileBase, int seq, boolean inProgress) {
      this.fileBase = fileBase;
      this.seq = seq;
      this.inProgress = inProgress;
    }

    public String fileBase() {
      return fileBase;
    }

    public int seq() {
      return seq;
    }

    public boolean inProgress() {
      return inProgress;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof ParsedName)) {
        return false;
      }
      ParsedName p = (ParsedName) o;
      return seq == p.seq && inProgress == p.inProgress && fileBase.equals(p.fileBase);
    }

    @Override
    public int hashCode() {
      return (fileBase.hashCode() * 31 + seq) * 2 + (inProgress ? 1 : 0);
    }

    @Override
    public String toString() {
      return (inProgress ? "in-progress " : "") + fileBase + " #" + seq;
    }
  }
}
