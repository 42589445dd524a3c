/** Kafka source with ack-after-commit and the Kafka-backed direct channel. */
package io.accesslog.flume.source;
