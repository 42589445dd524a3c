package io.accesslog.flume.sink.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampFallbackTest {

  private static TimestampFallback reason(String s) {
    long v = TimestampFallback.parse(s);
    return v >= 0 ? TimestampFallback.NONE : TimestampFallback.ofCode(v);
  }

  @Test
  void parse_decimalMillis_value() {
    assertEquals(1_795_000_000_123L, TimestampFallback.parse("1795000000123"));
    assertEquals(0L, TimestampFallback.parse("0"));
    assertEquals(TimestampFallback.MAX_MILLIS, TimestampFallback.parse("253402300799999"));
  }

  @Test
  void parse_null_missing() {
    assertEquals(TimestampFallback.MISSING, reason(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-", "+1", " 1", "1 ", "1.5", "0x10", "abc", "12a", "99999999999999999999"})
  void parse_notPlainDecimal_unparseable(String s) {
    assertEquals(TimestampFallback.UNPARSEABLE, reason(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-1795000000123", "-9223372036854775807"})
  void parse_negative_negative(String s) {
    assertEquals(TimestampFallback.NEGATIVE, reason(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"253402300800000", "9223372036854775807"})
  void parse_afterYear9999_outOfRange(String s) {
    assertEquals(TimestampFallback.OUT_OF_RANGE, reason(s));
  }

  @Test
  void parse_longOverflow_unparseable() {
    assertEquals(TimestampFallback.UNPARSEABLE, reason("9223372036854775808"));
  }
}
