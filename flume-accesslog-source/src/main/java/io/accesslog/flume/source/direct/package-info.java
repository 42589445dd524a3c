/**
 * The Kafka direct channel ({@link io.accesslog.flume.source.direct.KafkaDirectChannel}): a Flume
 * channel that is a Kafka consumer group, acknowledging a record only after the sink's take
 * transaction commits. Public: the channel, its counter and that counter's MBean; the rest is
 * package-private.
 */
package io.accesslog.flume.source.direct;
