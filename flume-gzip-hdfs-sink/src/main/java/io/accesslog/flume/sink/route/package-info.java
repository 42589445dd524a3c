/**
 * Routing: which HDFS directory and file an event goes to.
 *
 * <p>Public surface: {@link io.accesslog.flume.sink.route.RouteSettings} (validated keys), {@link
 * io.accesslog.flume.sink.route.TargetRouter} (headers to {@link
 * io.accesslog.flume.sink.route.Target}), {@link io.accesslog.flume.sink.route.FileNamer} (final,
 * in-progress and parsed names). Everything else is package-private.
 *
 * <p>Design notes. Header values are untrusted (they come from HTTP clients through log lines), so
 * every value that reaches a path goes through the one rule in {@code PathSanitizer}; literal
 * template text is checked once at configuration time by {@code PathTemplate}. Time escapes
 * describe the hour bucket (files hold one local hour) and are rendered once per hour by {@code
 * HourBucket}. The router caches Targets by raw header values plus hour, so the common case neither
 * sanitizes nor allocates; the cache is bounded and cleared when full.
 */
package io.accesslog.flume.sink.route;
