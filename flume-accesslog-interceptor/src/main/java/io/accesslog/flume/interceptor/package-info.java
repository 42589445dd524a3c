/**
 * Access-log interceptor: event time, app/host/type headers, bad lines routed to an error bucket.
 */
package io.accesslog.flume.interceptor;
