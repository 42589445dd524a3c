package io.accesslog.flume.sink.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Decides the target file family of each event from its headers.
 *
 * <p>Hot path (about 1.5 M events/s on one thread): parse {@code timestamp} without allocating,
 * find the hour bucket (two comparisons when it is the same hour as the previous event), read the
 * referenced headers into a reused probe key and look it up in a bounded cache. Only a miss
 * sanitizes values, renders the templates and allocates a {@link Target}.
 *
 * <p>Not thread-safe: one router per sink runner thread.
 */
public final class TargetRouter {
  /** Header with the event time in epoch millis as a decimal string. */
  public static final String TIMESTAMP_HEADER = "timestamp";

  private final String rootPrefix;
  private final String missingValue;
  private final String errorType;

  /** Slot of the {@code type} header, or -1 when no template references it. */
  private final int typeSlot;

  private final PathTemplate directoryTemplate;
  private final PathTemplate fileNameTemplate;
  private final String[] headerNames;
  private final HourBuckets hours;
  private final TargetCache cache;
  private final RouteKey probe;
  private final String[] sanitized;
  private final StringBuilder buffer = new StringBuilder(128);
  private long misses;
  private String lastTimestampText;
  private long lastTimestampMillis;

  public TargetRouter(RouteSettings settings) {
    String root = settings.root();
    this.rootPrefix = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.missingValue = settings.missingValue();
    this.directoryTemplate = settings.directoryTemplate();
    this.fileNameTemplate = settings.fileNameTemplate();
    this.headerNames = settings.headerNames();
    this.errorType = settings.errorType();
    this.typeSlot = Arrays.asList(headerNames).indexOf(RouteSettings.TYPE_HEADER);
    this.hours = new HourBuckets(settings.timeZone());
    this.cache = new TargetCache(settings.cacheSize());
    this.probe = new RouteKey(headerNames.length);
    this.sanitized = new String[headerNames.length];
  }

  /**
   * Routes one event.
   *
   * @param headers the event headers (not modified)
   * @param ingestMillis now, from the sink's clock: used when the event time is unusable
   * @throws IllegalArgumentException if {@code ingestMillis} is before 1970 or after year 9999
   */
  public Target route(Map<String, String> headers, long ingestMillis) {
    String timestampText = headers.get(TIMESTAMP_HEADER);
    long eventMillis;
    if (timestampText != null && timestampText == lastTimestampText) {
      eventMillis = lastTimestampMillis; // the interceptor reuses one String per distinct time
    } else {
      eventMillis = TimestampFallback.parse(timestampText);
      lastTimestampText = timestampText;
      lastTimestampMillis = eventMillis;
    }
    TimestampFallback fallback = TimestampFallback.NONE;
    if (eventMillis < 0) {
      fallback = TimestampFallback.ofCode(eventMillis);
      if (ingestMillis < 0 || ingestMillis > TimestampFallback.MAX_MILLIS) {
        throw new IllegalArgumentException("ingestMillis out of range: " + ingestMillis);
      }
      eventMillis = ingestMillis;
    }
    HourBucket hour = hours.bucketFor(eventMillis);
    String[] values = probe.values();
    for (int i = 0; i < headerNames.length; i++) {
      values[i] = headers.get(headerNames[i]);
    }
    probe.finish(hour, fallback);
    Target target = cache.get(probe);
    if (target == null) {
      target = build(values, hour, fallback);
      cache.put(probe, target);
      misses++;
    }
    return target;
  }

  private Target build(String[] values, HourBucket hour, TimestampFallback fallback) {
    List<String> fallbackHeaders = null;
    List<String> rewrittenHeaders = null;
    for (int i = 0; i < values.length; i++) {
      String raw = values[i];
      String v;
      if (i == typeSlot && raw != null && raw.equals(errorType)) {
        v = raw; // hidden on purpose: the interceptor's error bucket
      } else {
        v = PathSanitizer.sanitize(raw);
        if (v != null && v != raw) {
          if (rewrittenHeaders == null) {
            rewrittenHeaders = new ArrayList<>(values.length);
          }
          rewrittenHeaders.add(headerNames[i]);
        }
      }
      if (v == null) {
        v = missingValue;
        if (fallbackHeaders == null) {
          fallbackHeaders = new ArrayList<>(values.length);
        }
        fallbackHeaders.add(headerNames[i]);
      }
      sanitized[i] = v;
    }
    StringBuilder b = buffer;
    b.setLength(0);
    b.append(rootPrefix);
    if (directoryTemplate.isEmpty()) {
      if (b.length() == 0 || b.charAt(b.length() - 1) == '/') {
        b.append('/');
      }
    } else {
      b.append('/');
      directoryTemplate.render(b, sanitized, hour);
    }
    String directory = b.toString();
    b.setLength(0);
    fileNameTemplate.render(b, sanitized, hour);
    if (b.length() > 0 && b.charAt(0) == '_') {
      // A file name starting with "_" is hidden from Hadoop/Spark/Hive readers and reads as one of
      // our
      // in-progress names: only the exempt error type can start one (in a %{type} file name).
      b.insert(0, 'x');
    }
    return new Target(
        directory,
        b.toString(),
        hour.startMillis,
        fallback,
        fallbackHeaders == null
            ? Target.noFallbackHeaders()
            : Collections.unmodifiableList(fallbackHeaders),
        rewrittenHeaders == null
            ? Target.noFallbackHeaders()
            : Collections.unmodifiableList(rewrittenHeaders));
  }

  /** Entries in the target cache now. */
  public int cachedTargets() {
    return cache.size();
  }

  /** Routes that missed the cache and built a Target, since creation. */
  public long cacheMisses() {
    return misses;
  }

  /** Times the cache was full and cleared, since creation. */
  public long cacheClears() {
    return cache.clears();
  }
}
