/**
 * What the Kafka source ({@code io.accesslog.flume.source}) and the Kafka direct channel ({@code
 * io.accesslog.flume.source.direct}) share: consumer configuration and SSL, key declarations and
 * the known-key check, offset tracking and committing, partition pausing, record-to-event
 * conversion and headers, the lag monitor and the Kafka consumer counters. Internal to this jar:
 * its public types and members exist for those two packages, not for users.
 */
package io.accesslog.flume.source.kafka;
