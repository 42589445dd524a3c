/**
 * Access-log interceptor: sets {@code timestamp} (request time), {@code app}, {@code host} and
 * {@code type} from the log line itself and routes bad lines to an error bucket, never touching the
 * body.
 *
 * <p>The public surface is {@link io.accesslog.flume.interceptor.AccessLogInterceptor} with its
 * {@code Builder}, plus the counter MBean types JMX requires to be public. Flow of one event:
 * {@code InterceptorSettings} (parsed once from the Context) configures a {@code LineClassifier},
 * which checks length and UTF-8, splits the line with a {@code LineParser} (nginx scanner, JSON,
 * regex), reads the time with a {@code TimeParser}, resolves app/host/type through {@code
 * ValueSource}s (all sanitized by {@code PathRule}) and returns a {@code Verdict}; the interceptor
 * writes the headers and counts the outcome.
 */
package io.accesslog.flume.interceptor;
