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

  /**
   * The type and unit of every attribute this bean adds to Flume's own, machine-readable, so the
   * metrics reporter can label each value without knowing this class: {@code Name=kind:unit,...}
   * with kind {@code counter} (only ever grows while the agent runs), {@code gauge}, {@code info}
   * (text) or {@code gauge_by_partition} (text {@code topic-partition=value,...}), and unit {@code
   * 1}, {@code bytes}, {@code ms} (a duration), {@code percent} or {@code epoch_ms}.
   */
  String METRIC_TYPES =
      "EventsIn=counter:1,EventsOk=counter:1,EventsRouted=counter:1,"
          + "EventsDropped=counter:1,RewrittenApp=counter:1,RewrittenHost=counter:1,"
          + "RewrittenType=counter:1,ErrorLineTooLong=counter:1,"
          + "ErrorInvalidUtf8=counter:1,ErrorUnparseableLine=counter:1,"
          + "ErrorMissingField=counter:1,ErrorBadTime=counter:1,"
          + "ErrorTimeTooOld=counter:1,ErrorTimeInFuture=counter:1,"
          + "ErrorUnmappedValue=counter:1,StartTime=gauge:epoch_ms,"
          + "StopTime=gauge:epoch_ms,Type=info:1";

  /**
   * {@link #METRIC_TYPES}: read by the metrics reporter (an attribute, so it travels with the
   * values).
   */
  String getMetricTypes();
}
