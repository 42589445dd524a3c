package io.accesslog.flume.interceptor;

/** Calendar arithmetic without allocation, shared by the hand-written time parsers. */
final class CivilTime {
  static final long MILLIS_PER_DAY = 86_400_000L;

  private CivilTime() {}

  /** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  static boolean isValidDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  static boolean isValidTime(int hour, int minute, int second) {
    // No leap second: java.time rejects :60 too, and nginx never writes it.
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  static boolean isLeap(int year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Parses exactly {@code n} ASCII digits at {@code at}; -1 if any is not a digit. */
  static int digits(byte[] b, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Parses an offset {@code +HH:MM}, {@code +HHMM} or {@code +HH}; returns seconds or INVALID. */
  static long offsetSeconds(byte[] b, int from, int to) {
    int len = to - from;
    if (len < 3) {
      return TimeParser.INVALID;
    }
    int sign;
    if (b[from] == '+') {
      sign = 1;
    } else if (b[from] == '-') {
      sign = -1;
    } else {
      return TimeParser.INVALID;
    }
    int hh = digits(b, from + 1, 2);
    int mm;
    if (len == 3) {
      mm = 0;
    } else if (len == 5) {
      mm = digits(b, from + 3, 2);
    } else if (len == 6 && b[from + 3] == ':') {
      mm = digits(b, from + 4, 2);
    } else {
      return TimeParser.INVALID;
    }
    // java.time's ZoneOffset range.
    if (hh < 0 || mm < 0 || mm > 59 || hh * 60 + mm > 18 * 60) {
      return TimeParser.INVALID;
    }
    return sign * (hh * 3600L + mm * 60L);
  }
}
