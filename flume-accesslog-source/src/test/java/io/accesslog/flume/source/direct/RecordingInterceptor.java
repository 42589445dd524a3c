package io.accesslog.flume.source.direct;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flume.Context;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;

/**
 * A test interceptor that records the thread of every call and throws on a body equal to {@code
 * fail}. State is static (Flume builds interceptors by class name); tests clear it.
 */
public final class RecordingInterceptor implements Interceptor {

  static final List<String> THREADS = new CopyOnWriteArrayList<>();

  @Override
  public void initialize() {}

  @Override
  public Event intercept(Event event) {
    THREADS.add(Thread.currentThread().getName());
    if ("fail".equals(new String(event.getBody(), java.nio.charset.StandardCharsets.UTF_8))) {
      throw new IllegalStateException("scripted interceptor failure");
    }
    event.getHeaders().put("seen", "yes");
    return event;
  }

  @Override
  public List<Event> intercept(List<Event> events) {
    events.replaceAll(this::intercept);
    return events;
  }

  @Override
  public void close() {}

  /** Flume's builder. */
  public static final class Builder implements Interceptor.Builder {
    @Override
    public void configure(Context context) {}

    @Override
    public Interceptor build() {
      return new RecordingInterceptor();
    }
  }
}
