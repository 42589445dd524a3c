package io.accesslog.flume.interceptor;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.core.PathRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps access-log events with the headers an hour-bucketed HDFS layout needs, taken from the line
 * itself: {@code timestamp} (epoch millis of the request), {@code app}, {@code host} and {@code
 * type}, each a canonical path component ({@link PathRule}); where the path rule had to rewrite a
 * value, the raw value is kept in {@code app.original}, {@code host.original} or {@code
 * type.original} and counted. The body is never modified. Lines that cannot be understood keep
 * flowing into an error bucket ({@code type = error.type}, plus an {@code error} header naming the
 * reason), unless {@code onError=drop}.
 *
 * <p>Configure with {@code interceptors.<x>.type =
 * io.accesslog.flume.interceptor.AccessLogInterceptor$Builder}; see the module README for every
 * key.
 *
 * <p>Threading: {@code intercept} is safe to call from several threads at once (it keeps no
 * per-call state; caches and counters are lock-free), so the same instance works as a source
 * interceptor and as a channel interceptor run by several sink threads.
 */
public final class AccessLogInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLogInterceptor.class);

  static final String TIMESTAMP = "timestamp";
  static final String APP = "app";
  static final String HOST = "host";
  static final String TYPE = "type";
  static final String ERROR = "error";

  /** Appended to app/host/type for the header holding the raw value the path rule rewrote. */
  static final String ORIGINAL_SUFFIX = ".original";

  private static final String[] ORIGINAL_HEADERS = {
    APP + ORIGINAL_SUFFIX, HOST + ORIGINAL_SUFFIX, TYPE + ORIGINAL_SUFFIX
  };

  private final InterceptorSettings settings;
  private final LineClassifier classifier;
  private final Clock clock;

  /** Detached until {@link #initialize()}, then the shared, registered group. */
  private volatile InterceptorCounters counters;

  private TimeText lastTime; // racy by design: an immutable entry or null, a miss recomputes
  private boolean registered; // guarded by this
  private boolean closed; // guarded by this

  AccessLogInterceptor(InterceptorSettings settings, Clock clock) {
    this.settings = settings;
    this.classifier = new LineClassifier(settings);
    this.clock = clock;
    this.counters = new InterceptorCounters(settings.name);
  }

  @Override
  public synchronized void initialize() {
    if (registered || closed) {
      return;
    }
    counters = CounterRegistry.acquire(settings.name);
    registered = true;
    LOG.info("accesslog interceptor started: {}", settings.summary);
  }

  @Override
  public Event intercept(Event event) {
    byte[] body = event.getBody();
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      headers = new HashMap<>();
      event.setHeaders(headers);
    }
    Verdict v = classifier.classify(body == null ? new byte[0] : body, headers, clock.millis());
    boolean drop = v.error != null && settings.dropOnError;
    counters.record(v.error, drop);
    if (drop) {
      return null;
    }
    headers.put(TIMESTAMP, timestampText(v.timestamp));
    headers.put(APP, v.app);
    headers.put(HOST, v.host);
    headers.put(TYPE, v.type);
    if (v.error != null) {
      headers.put(ERROR, v.error.headerValue());
    } else {
      headers.remove(ERROR); // a stale reason from an earlier pass must not mislabel the event
    }
    for (int c = 0; c < ORIGINAL_HEADERS.length; c++) {
      String original = v.original(c);
      if (original != null) {
        headers.put(ORIGINAL_HEADERS[c], original);
        counters.recordRewritten(c);
      } else {
        headers.remove(ORIGINAL_HEADERS[c]); // stale from an earlier pass or from upstream
      }
    }
    return event;
  }

  /**
   * The decimal text of {@code millis}, reusing the last one: lines arrive in near time order and
   * an access log has second resolution, so most lines repeat their neighbour's time.
   */
  private String timestampText(long millis) {
    TimeText last = lastTime;
    if (last != null && last.millis == millis) {
      return last.text;
    }
    String text = Long.toString(millis);
    lastTime = new TimeText(millis, text);
    return text;
  }

  private static final class TimeText {
    final long millis;
    final String text;

    TimeText(long millis, String text) {
      this.millis = millis;
      this.text = text;
    }
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    List<Event> kept = null; // allocated only once something is dropped
    for (int i = 0; i < events.size(); i++) {
      Event e = intercept(events.get(i));
      if (e == null && kept == null) {
        kept = new ArrayList<>(events.subList(0, i));
      } else if (e != null && kept != null) {
        kept.add(e);
      }
    }
    return kept == null ? events : kept;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (registered) {
      CounterRegistry.release(settings.name, counters);
    }
  }

  InterceptorCounters counters() {
    return counters;
  }

  /** Flume's entry point; {@code configure} parses and validates every key once. */
  public static final class Builder implements Interceptor.Builder {
    private InterceptorSettings settings;

    @Override
    public void configure(Context context) {
      settings = InterceptorSettings.parse(context);
    }

    @Override
    public Interceptor build() {
      if (settings == null) {
        throw new IllegalStateException("accesslog interceptor: build() called before configure()");
      }
      return new AccessLogInterceptor(settings, Clock.SYSTEM);
    }
  }
}
