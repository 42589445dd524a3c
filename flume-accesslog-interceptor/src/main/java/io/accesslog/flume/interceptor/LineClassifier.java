package io.accesslog.flume.interceptor;

import java.util.Map;

/**
 * The decision logic, free of IO and of Flume's event type: given a body, the event's headers (read
 * only) and the current time, returns the {@link Verdict}. Immutable and thread-safe.
 *
 * <p>Checks run cheapest-first and the first failure is the reported reason: length, UTF-8, format,
 * time (missing, unreadable, outside {@code [now - maxAge, now + maxSkew]}), then app/host/type. An
 * error event still gets every header the sink needs: a fallback timestamp, whatever app/host could
 * be resolved (else {@code error.unknownValue}) and {@code error.type}.
 */
final class LineClassifier {
  private final InterceptorSettings settings;

  LineClassifier(InterceptorSettings settings) {
    this.settings = settings;
  }

  Verdict classify(byte[] body, Map<String, String> headers, long now) {
    ErrorReason error = null;
    FieldValues fields = null;
    long timestamp = TimeParser.INVALID;
    if (body.length > settings.lineMaxBytes) {
      error = ErrorReason.LINE_TOO_LONG;
    } else if (!Utf8.isWellFormed(body, 0, body.length)) {
      error = ErrorReason.INVALID_UTF8;
    } else {
      fields = settings.parser.parse(body, contentLength(body));
      if (fields == null) {
        error = ErrorReason.UNPARSEABLE_LINE;
      } else if (!fields.hasValue(settings.timeField)) {
        error = ErrorReason.MISSING_FIELD;
      } else {
        int f = settings.timeField;
        timestamp = settings.timeParser.parse(fields.array(f), fields.from(f), fields.to(f));
        error = checkTime(timestamp, now);
      }
    }
    String app = settings.app.resolve(fields, headers);
    String host = settings.host.resolve(fields, headers);
    String type = settings.type.resolve(fields, headers);
    if (error == null) {
      error =
          app == null
              ? settings.app.failureReason(fields, headers)
              : host == null
                  ? settings.host.failureReason(fields, headers)
                  : type == null ? settings.type.failureReason(fields, headers) : null;
    }
    String[] originals = null;
    originals = original(originals, 0, settings.app, app, fields, headers);
    originals = original(originals, 1, settings.host, host, fields, headers);
    if (error == null) {
      originals = original(originals, 2, settings.type, type, fields, headers);
      return new Verdict(timestamp, app, host, type, null, originals);
    }
    return new Verdict(
        fallbackTime(headers, now),
        app != null ? app : settings.unknownValue,
        host != null ? host : settings.unknownValue,
        settings.errorType,
        error,
        originals);
  }

  /** Records the raw input of a rewritten value; allocates only when one was rewritten. */
  private static String[] original(
      String[] originals,
      int component,
      ValueSource source,
      String resolved,
      FieldValues fields,
      Map<String, String> headers) {
    String raw = source.originalIfRewritten(resolved, fields, headers);
    if (raw == null) {
      return originals;
    }
    String[] o = originals != null ? originals : new String[3];
    o[component] = raw;
    return o;
  }

  private ErrorReason checkTime(long timestamp, long now) {
    if (timestamp == TimeParser.INVALID) {
      return ErrorReason.BAD_TIME;
    }
    if (timestamp < now - settings.maxAgeMillis) {
      return ErrorReason.TIME_TOO_OLD;
    }
    if (timestamp > now + settings.maxSkewMillis) {
      return ErrorReason.TIME_IN_FUTURE;
    }
    return null;
  }

  /** The previous header value when it is a plausible time, else now. */
  private long fallbackTime(Map<String, String> headers, long now) {
    String v = headers.get(settings.fallbackHeader);
    if (v != null && !v.isEmpty() && v.length() <= 15) {
      long t = 0;
      for (int i = 0; i < v.length(); i++) {
        int d = v.charAt(i) - '0';
        if (d < 0 || d > 9) {
          return now;
        }
        t = t * 10 + d;
      }
      if (checkTime(t, now) == null) {
        return t;
      }
    }
    return now;
  }

  /** The body minus a trailing LF or CRLF, which belongs to the transport, not the format. */
  private static int contentLength(byte[] body) {
    int n = body.length;
    if (n > 0 && body[n - 1] == '\n') {
      n--;
      if (n > 0 && body[n - 1] == '\r') {
        n--;
      }
    }
    return n;
  }
}
