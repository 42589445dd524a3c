package io.accesslog.flume.interceptor;

/**
 * nginx {@code $time_local}: {@code 10/Oct/2026:13:55:36 +0800}, always with its own offset, so
 * {@code time.zone} does not apply.
 */
final class TimeLocalParser implements TimeParser {
  static final int LENGTH = 26;
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  @Override
  public long parse(byte[] b, int from, int to) {
    if (to - from != LENGTH
        || b[from + 2] != '/'
        || b[from + 6] != '/'
        || b[from + 11] != ':'
        || b[from + 14] != ':'
        || b[from + 17] != ':'
        || b[from + 20] != ' ') {
      return INVALID;
    }
    int day = CivilTime.digits(b, from, 2);
    int month = month(b, from + 3);
    int year = CivilTime.digits(b, from + 7, 4);
    int hour = CivilTime.digits(b, from + 12, 2);
    int minute = CivilTime.digits(b, from + 15, 2);
    int second = CivilTime.digits(b, from + 18, 2);
    long offset = CivilTime.offsetSeconds(b, from + 21, to);
    if (year < 0
        || offset == INVALID
        || !CivilTime.isValidDate(year, month, day)
        || !CivilTime.isValidTime(hour, minute, second)) {
      return INVALID;
    }
    long seconds =
        CivilTime.epochDay(year, month, day) * 86_400L
            + hour * 3600L
            + minute * 60L
            + second
            - offset;
    return seconds * 1000L;
  }

  private static int month(byte[] b, int at) {
    for (int m = 0; m < 12; m++) {
      int i = m * 3;
      if (b[at] == MONTHS.charAt(i)
          && b[at + 1] == MONTHS.charAt(i + 1)
          && b[at + 2] == MONTHS.charAt(i + 2)) {
        return m + 1;
      }
    }
    return -1;
  }
}
