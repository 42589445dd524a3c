package io.accesslog.flume.source;

import io.accesslog.flume.source.kafka.KafkaAttributes;
import io.accesslog.flume.source.kafka.KafkaCounts;
import org.apache.flume.instrumentation.SourceCounter;

/**
 * Flume's {@link SourceCounter} (EventReceivedCount, EventAcceptedCount, AppendBatch*,
 * ChannelWriteFail, ...) plus the Kafka consumer figures ({@link KafkaCounts}) and the records
 * released on a rebalance, all in one JMX bean ({@code org.apache.flume.source:type=<source
 * name>}).
 */
public class AccessLogSourceCounter extends SourceCounter
    implements AccessLogSourceCounterMBean, KafkaAttributes.Counted {

  private static final String RELEASED = "kafka.records.released.count";

  private final KafkaCounts kafka = new KafkaCounts(this::addAndGet, this::set, this::get);

  public AccessLogSourceCounter(String name) {
    super(name, KafkaCounts.attributes(RELEASED));
  }

  @Override
  public KafkaCounts kafkaCounts() {
    return kafka;
  }

  void addKafkaRecordsReleased(long count) {
    addAndGet(RELEASED, count);
  }

  @Override
  public long getKafkaRecordsReleasedCount() {
    return get(RELEASED);
  }

  @Override
  public String getMetricTypes() {
    return METRIC_TYPES;
  }
}
