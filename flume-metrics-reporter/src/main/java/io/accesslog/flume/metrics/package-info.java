/** Flume MonitorService that pushes every component's counters as JSON over HTTP. */
package io.accesslog.flume.metrics;
