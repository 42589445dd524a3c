package io.accesslog.flume.interceptor;

/**
 * Why a line went to the error bucket. The {@link #headerValue()} is written to the {@code error}
 * header and is also the suffix of the per-reason counter, so both stay greppable by one name.
 */
enum ErrorReason {
  /** The body is longer than {@code line.maxBytes}; it is not parsed at all (bounds the cost). */
  LINE_TOO_LONG("line_too_long"),
  /** The body is not well-formed UTF-8 (overlong forms and surrogates count as invalid). */
  INVALID_UTF8("invalid_utf8"),
  /** The line does not match the configured format. */
  UNPARSEABLE_LINE("unparseable_line"),
  /** A field or header needed for time/app/host/type is absent, empty or {@code -}. */
  MISSING_FIELD("missing_field"),
  /** The time field is present but cannot be read with {@code time.format}. */
  BAD_TIME("bad_time"),
  /** The event time is older than {@code now - time.maxAge}. */
  TIME_TOO_OLD("time_too_old"),
  /** The event time is later than {@code now + time.maxSkew}. */
  TIME_IN_FUTURE("time_in_future"),
  /** A {@code map:} source found a value that has no entry in its table and no default. */
  UNMAPPED_VALUE("unmapped_value");

  private final String headerValue;

  ErrorReason(String headerValue) {
    this.headerValue = headerValue;
  }

  String headerValue() {
    return headerValue;
  }
}
