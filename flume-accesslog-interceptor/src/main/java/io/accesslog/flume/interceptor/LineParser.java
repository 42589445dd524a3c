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
