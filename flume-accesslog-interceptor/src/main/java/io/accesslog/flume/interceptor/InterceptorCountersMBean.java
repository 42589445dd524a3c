package io.accesslog.flume.interceptor;

/**
 * JMX view of {@link InterceptorCounters}; Flume's JSON/Ganglia/HTTP monitoring reports every
 * getter as an attribute of {@code INTERCEPTOR.<name>}. Public only because JMX requires it.
 */
public interface InterceptorCountersMBean {
  /** Events seen (good + errors). */
  long getEventsIn();

  /** Events whose line was fully understood. */
  long getEventsOk();

  /** Error events kept and routed to the error bucket. */
  long getEventsRouted();

  /** Error events discarded because {@code onError=drop}. */
  long getEventsDropped();

  /**
   * App values the path rule rewrote (unsafe, hidden from Hadoop by a leading _ or ., or too long);
   * each such event carries the raw value in {@code app.original}.
   */
  long getRewrittenApp();

  /** As {@link #getRewrittenApp()} for host ({@code host.original}). */
  long getRewrittenHost();

  /** As {@link #getRewrittenApp()} for type ({@code type.original}); not for error events. */
  long getRewrittenType();

  long getErrorLineTooLong();

  long getErrorInvalidUtf8();

  long getErrorUnparseableLine();

  long getErrorMissingField();

  long getErrorBadTime();

  long getErrorTimeTooOld();

  long getErrorTimeInFuture();

  long getErrorUnmappedValue();

  long getStartTime();

  long getStopTime();

  String getType();
}
