package io.accesslog.flume.source;

/** A clock that moves only when told to. */
final class FakeClock implements MillisClock {

  private long now = 1_700_000_000_000L;

  @Override
  public long nowMillis() {
    return now;
  }

  void advance(long millis) {
    now += millis;
  }
}
