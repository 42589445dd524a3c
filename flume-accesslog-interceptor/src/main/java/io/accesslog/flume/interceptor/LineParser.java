package io.accesslog.flume.interceptor;

/**
 * Splits one line into the fields the interceptor asked for. Implementations are immutable and
 * thread-safe; the field indexes are fixed when the parser is built.
 */
interface LineParser {
  /**
   * Parses {@code line[0, length)}, which is already known to be well-formed UTF-8.
   *
   * @return the wanted fields (absent ones unset), or null when the line does not match the format
   */
  FieldValues parse(byte[] line, int length);
}
