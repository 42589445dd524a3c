package io.accesslog.flume.source.direct;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.EventHeaders;
import io.accesslog.flume.source.kafka.RecordEventConverter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flume.Event;
import org.apache.flume.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The direct channel's work ahead of {@code take}: each polled record becomes an event (the {@link
 * RecordEventConverter}) and runs through the channel's interceptors, on the {@link PrepareStage}'s
 * thread, so the sink thread's take is a queue hand-off. That thread only (the converter and the
 * interceptors are used by no other thread).
 *
 * <p>An interceptor that returns null drops the event: the record stays in the queue without an
 * event and is acknowledged with the transaction that takes it, as before. An interceptor that
 * throws does not stop the channel or lose the line: the event goes on as converted, with the
 * {@link #INTERCEPTOR_ERROR} header naming the exception, and is counted.
 */
final class EventPreparer {

  private static final Logger LOG = LoggerFactory.getLogger(EventPreparer.class);

  /** Set on an event whose interceptors threw; the value is the exception. */
  static final String INTERCEPTOR_ERROR = "interceptorError";

  private static final long LOG_EVERY_MILLIS = 60_000;

  private final String channelName;
  private final RecordEventConverter converter;
  private final Interceptor interceptors;
  private final DirectChannelCounter counter;
  private final Clock clock;
  private long lastLogMillis = Long.MIN_VALUE;
  private long lastDecodeLogMillis = Long.MIN_VALUE;

  EventPreparer(
      String channelName,
      RecordEventConverter converter,
      Interceptor interceptors,
      DirectChannelCounter counter,
      Clock clock) {
    this.channelName = channelName;
    this.converter = converter;
    this.interceptors = interceptors;
    this.counter = counter;
    this.clock = clock;
  }

  /** One partition's records of a poll, prepared in order. */
  List<TakeQueues.Prepared> prepare(List<ConsumerRecord<byte[], byte[]>> records) {
    List<TakeQueues.Prepared> prepared = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      prepared.add(new TakeQueues.Prepared(record.offset(), intercept(record), bytes(record)));
    }
    return prepared;
  }

  /** What a record counts against {@code buffer.maxBytes}: its value and key. */
  static int bytes(ConsumerRecord<byte[], byte[]> record) {
    return (record.value() == null ? 0 : record.value().length)
        + (record.key() == null ? 0 : record.key().length);
  }

  private Event intercept(ConsumerRecord<byte[], byte[]> record) {
    Event event = converter.toEvent(record);
    if (converter.decodesEnvelopes() && event.getHeaders().containsKey(EventHeaders.DECODE_ERROR)) {
      decodeFailed(record);
    }
    try {
      return interceptors.intercept(event);
    } catch (RuntimeException e) {
      counter.incrementInterceptorFailures();
      event.getHeaders().put(INTERCEPTOR_ERROR, e.toString());
      long now = clock.millis();
      if (now - lastLogMillis >= LOG_EVERY_MILLIS || lastLogMillis == Long.MIN_VALUE) {
        lastLogMillis = now;
        LOG.error(
            "{}: an interceptor failed on {}-{}@{}; the event goes on un-intercepted with "
                + "header {} (InterceptorFailures counts them; logged at most once a minute)",
            channelName,
            record.topic(),
            record.partition(),
            record.offset(),
            INTERCEPTOR_ERROR,
            e);
      }
      return event;
    }
  }

  private void decodeFailed(ConsumerRecord<byte[], byte[]> record) {
    counter.kafkaCounts().addKafkaDecodeErrors(1);
    long now = clock.millis();
    if (now - lastDecodeLogMillis >= LOG_EVERY_MILLIS || lastDecodeLogMillis == Long.MIN_VALUE) {
      lastDecodeLogMillis = now;
      LOG.warn(
          "{}: {}-{}@{} is not a Flume Avro event (parseAsFlumeEvent = true); passed on "
              + "raw with a '{}' header (KafkaDecodeErrorCount counts them; logged at most once a "
              + "minute)",
          channelName,
          record.topic(),
          record.partition(),
          record.offset(),
          EventHeaders.DECODE_ERROR);
    }
  }
}
