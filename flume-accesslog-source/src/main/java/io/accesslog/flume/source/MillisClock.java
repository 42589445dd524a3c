package io.accesslog.flume.source;

/**
 * Wall-clock milliseconds, injected so that retry and lag decisions can be tested with a fake clock
 * instead of sleeping.
 */
interface MillisClock {

  /** The system clock. */
  MillisClock SYSTEM = System::currentTimeMillis;

  long nowMillis();
}
