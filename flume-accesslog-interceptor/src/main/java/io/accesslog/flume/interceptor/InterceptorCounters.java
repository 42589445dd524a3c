package io.accesslog.flume.interceptor;

import java.util.concurrent.atomic.LongAdder;
import org.apache.flume.instrumentation.MonitoredCounterGroup;

/**
 * The interceptor's counters, published through Flume's monitoring as {@code INTERCEPTOR.<name>}
 * (JMX object name {@code org.apache.flume.interceptor:type=<name>}).
 *
 * <p>The values live in {@link LongAdder}s rather than the parent's {@code AtomicLong} map: the
 * interceptor may run on several threads (as a channel interceptor), and a map lookup by string per
 * event would be a needless cost on the hot path. {@link #get} is overridden so the parent's
 * shutdown log still prints the real values. Public only because JMX requires it.
 */
public final class InterceptorCounters extends MonitoredCounterGroup
    implements InterceptorCountersMBean {
  private static final String IN = "events.in";
  private static final String OK = "events.ok";
  private static final String ROUTED = "events.routed";
  private static final String DROPPED = "events.dropped";
  private static final String ERROR_PREFIX = "error.";
  private static final String[] REWRITTEN = {"rewritten.app", "rewritten.host", "rewritten.type"};

  private final LongAdder in = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder routed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder[] errors = new LongAdder[ErrorReason.values().length];
  private final LongAdder[] rewritten = {new LongAdder(), new LongAdder(), new LongAdder()};

  InterceptorCounters(String name) {
    super(Type.INTERCEPTOR, name, counterNames());
    for (int i = 0; i < errors.length; i++) {
      errors[i] = new LongAdder();
    }
  }

  private static String[] counterNames() {
    ErrorReason[] reasons = ErrorReason.values();
    String[] names = new String[4 + reasons.length + REWRITTEN.length];
    names[0] = IN;
    names[1] = OK;
    names[2] = ROUTED;
    names[3] = DROPPED;
    for (int i = 0; i < reasons.length; i++) {
      names[4 + i] = ERROR_PREFIX + reasons[i].headerValue();
    }
    System.arraycopy(REWRITTEN, 0, names, 4 + reasons.length, REWRITTEN.length);
    return names;
  }

  void record(ErrorReason error, boolean droppedEvent) {
    in.increment();
    if (error == null) {
      ok.increment();
      return;
    }
    errors[error.ordinal()].increment();
    (droppedEvent ? dropped : routed).increment();
  }

  /** One value of component 0 (app), 1 (host) or 2 (type) rewritten by the path rule. */
  void recordRewritten(int component) {
    rewritten[component].increment();
  }

  long rewritten(int component) {
    return rewritten[component].sum();
  }

  long errors(ErrorReason reason) {
    return errors[reason.ordinal()].sum();
  }

  @Override
  protected long get(String counter) {
    switch (counter) {
      case IN:
        return in.sum();
      case OK:
        return ok.sum();
      case ROUTED:
        return routed.sum();
      case DROPPED:
        return dropped.sum();
      default:
        for (int i = 0; i < REWRITTEN.length; i++) {
          if (counter.equals(REWRITTEN[i])) {
            return rewritten(i);
          }
        }
        for (ErrorReason r : ErrorReason.values()) {
          if (counter.equals(ERROR_PREFIX + r.headerValue())) {
            return errors(r);
          }
        }
        return super.get(counter);
    }
  }

  @Override
  public long getEventsIn() {
    return in.sum();
  }

  @Override
  public long getEventsOk() {
    return ok.sum();
  }

  @Override
  public long getEventsRouted() {
    return routed.sum();
  }

  @Override
  public long getEventsDropped() {
    return dropped.sum();
  }

  @Override
  public long getRewrittenApp() {
    return rewritten(0);
  }

  @Override
  public long getRewrittenHost() {
    return rewritten(1);
  }

  @Override
  public long getRewrittenType() {
    return rewritten(2);
  }

  @Override
  public long getErrorLineTooLong() {
    return errors(ErrorReason.LINE_TOO_LONG);
  }

  @Override
  public long getErrorInvalidUtf8() {
    return errors(ErrorReason.INVALID_UTF8);
  }

  @Override
  public long getErrorUnparseableLine() {
    return errors(ErrorReason.UNPARSEABLE_LINE);
  }

  @Override
  public long getErrorMissingField() {
    return errors(ErrorReason.MISSING_FIELD);
  }

  @Override
  public long getErrorBadTime() {
    return errors(ErrorReason.BAD_TIME);
  }

  @Override
  public long getErrorTimeTooOld() {
    return errors(ErrorReason.TIME_TOO_OLD);
  }

  @Override
  public long getErrorTimeInFuture() {
    return errors(ErrorReason.TIME_IN_FUTURE);
  }

  @Override
  public long getErrorUnmappedValue() {
    return errors(ErrorReason.UNMAPPED_VALUE);
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
