package io.accesslog.flume.core;

/** A {@link Clock} tests move by hand; both readings advance together. */
public final class ManualClock implements Clock {
  private long millis;
  private long nanos;

  public ManualClock(long startMillis) {
    this.millis = startMillis;
  }

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public synchronized long nanos() {
    return nanos;
  }

  public synchronized void advanceMillis(long delta) {
    millis += delta;
    nanos += delta * 1_000_000L;
  }
}
