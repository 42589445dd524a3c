package io.accesslog.flume.interceptor;

/**
 * Splits one line into the fields the interceptor asked for. Implementations are immutable and
 * thread-safe; the field indexes are fixed when the parser is built. The per-line state is the
 * caller's {@link FieldValues}, so a reader of many lines (the query tool) reuses one per thread
 * and parses in place, with no allocation and no copy.
 */
interface LineParser {
  /** How many fields a {@link FieldValues} for this parser holds. */
  int fieldCount();

  /**
   * Parses {@code line[from, to)}, which is already known to be well-formed UTF-8, into {@code
   * into}, which holds no field (new, or {@link FieldValues#clear() cleared}).
   *
   * @return whether the line matches the format; when false, {@code into} holds nothing usable
   */
  boolean parse(byte[] line, int from, int to, FieldValues into);

  /** Whether {@link #parseLeading} can parse lines whose end is not known yet. */
  default boolean parsesLeading() {
    return false;
  }

  /**
   * For a parser that reads only a line's leading fields (the query tool's): parses the line that
   * starts at {@code from}, whose {@code \n} is somewhere in {@code line[from, limit)} or later,
   * into {@code into} (no field held), so the reader need not find the line's end first. Gives the
   * fields {@link #parse(byte[], int, int, FieldValues)} gives for the whole line.
   *
   * @return where parsing stopped (the line's {@code \n} is at or after it), or -1 when this parser
   *     cannot, or the line does not match before {@code limit}: then find the line's end and
   *     {@link #parse(byte[], int, int, FieldValues) parse} it
   */
  default int parseLeading(byte[] line, int from, int limit, FieldValues into) {
    return -1;
  }

  /**
   * As {@link #parse(byte[], int, int, FieldValues)} into fresh values; null when no match. The
   * interceptor's per-event call: the hot implementations override it, so the call inside stays
   * monomorphic.
   */
  default FieldValues parse(byte[] line, int length) {
    FieldValues values = new FieldValues(fieldCount());
    return parse(line, 0, length, values) ? values : null;
  }
}
