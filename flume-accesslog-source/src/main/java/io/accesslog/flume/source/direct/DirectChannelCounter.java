package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.KafkaAttributes;
import io.accesslog.flume.source.kafka.KafkaCounts;
import org.apache.flume.instrumentation.ChannelCounter;

/**
 * Flume's {@link ChannelCounter} (ChannelSize = records polled and held, EventTakeSuccessCount =
 * events in committed take transactions, EventPutSuccessCount = events acknowledged by Kafka,
 * ChannelCapacity = {@code buffer.maxRecords}) plus the Kafka consumer figures ({@link
 * KafkaCounts}) and the channel's own (in flight, queued bytes, interceptor failures), in one JMX
 * bean ({@code org.apache.flume.channel:type=<channel name>}).
 */
public class DirectChannelCounter extends ChannelCounter
    implements DirectChannelCounterMBean, KafkaAttributes.Counted {

  private static final String IN_FLIGHT = "taken.in.flight.count";
  private static final String INTERCEPTOR_FAILURES = "interceptor.failure.count";
  private static final String QUEUED_BYTES = "queued.bytes";

  private final KafkaCounts kafka = new KafkaCounts(this::addAndGet, this::set, this::get);

  public DirectChannelCounter(String name) {
    super(name, KafkaCounts.attributes(IN_FLIGHT, INTERCEPTOR_FAILURES, QUEUED_BYTES));
  }

  @Override
  public KafkaCounts kafkaCounts() {
    return kafka;
  }

  void incrementInterceptorFailures() {
    increment(INTERCEPTOR_FAILURES);
  }

  void setHeld(long queued, long queuedBytes, long inFlight) {
    setChannelSize(queued + inFlight);
    set(IN_FLIGHT, inFlight);
    set(QUEUED_BYTES, queuedBytes);
  }

  @Override
  public long getTakenInFlightCount() {
    return get(IN_FLIGHT);
  }

  @Override
  public long getInterceptorFailureCount() {
    return get(INTERCEPTOR_FAILURES);
  }

  @Override
  public long getQueuedBytes() {
    return get(QUEUED_BYTES);
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
