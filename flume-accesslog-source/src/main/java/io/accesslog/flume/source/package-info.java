/**
 * The Kafka source with ack-after-commit ({@link io.accesslog.flume.source.AccessLogKafkaSource}).
 * The direct channel lives in {@code io.accesslog.flume.source.direct}; what both use, in {@code
 * io.accesslog.flume.source.kafka}.
 */
package io.accesslog.flume.source;
