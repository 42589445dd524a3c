package io.accesslog.flume.source;

import io.accesslog.flume.core.Clock;
import io.accesslog.flume.source.kafka.ConsumerFactory;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.flume.Context;
import org.apache.flume.FlumeException;
import org.apache.flume.PollableSource.Status;
import org.apache.flume.conf.BatchSizeSupported;
import org.apache.flume.conf.ConfigurationException;
import org.apache.flume.source.AbstractPollableSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka source for web access logs that commits offsets only after the channel commit, keeps
 * polling (partitions paused) while the channel is full, and handles cooperative rebalances without
 * losing a record. Configuration keys are listed in the module README.
 *
 * <p><b>Threading contract.</b> The Kafka consumer is single-threaded: it is used only by the
 * thread that calls {@link #process()} (Flume's PollableSourceRunner) and by {@link #stop()}, which
 * first calls {@code wakeup()} so that a poll still in progress returns, then waits for that {@code
 * process()} call to finish before closing the consumer. The loop never calls a synchronized method
 * of this class, so stop() holding the source's monitor cannot deadlock it.
 *
 * <p><b>Duplicates.</b> The source itself makes none while the channel is full. Records are
 * re-delivered (by Kafka, to whoever owns the partition next) only when an offset commit fails or
 * partitions are lost: then the records delivered to the channel since the last successful commit
 * are read again. Both cases are counted.
 */
public class AccessLogKafkaSource extends AbstractPollableSource implements BatchSizeSupported {

  private static final Logger LOG = LoggerFactory.getLogger(AccessLogKafkaSource.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ConsumerFactory consumerFactory;
  private final Clock clock;

  /** Held for the duration of each process() call and by stop() around close. */
  private final ReentrantLock loopLock = new ReentrantLock();

  private SourceSettings settings;
  private AccessLogSourceCounter counter;
  private Consumer<byte[], byte[]> consumer;
  private volatile PollLoop loop;

  /** Used by Flume. */
  public AccessLogKafkaSource() {
    this(ConsumerFactory.KAFKA, Clock.SYSTEM);
  }

  AccessLogKafkaSource(ConsumerFactory consumerFactory, Clock clock) {
    this.consumerFactory = consumerFactory;
    this.clock = clock;
  }

  @Override
  protected void doConfigure(Context context) throws FlumeException {
    SourceSettings parsed = SourceSettings.fromContext(context);
    if (getName() == null) {
      throw new ConfigurationException("source has no name");
    }
    settings = parsed;
    if (counter == null) {
      counter = new AccessLogSourceCounter(getName());
    }
  }

  @Override
  protected void doStart() throws FlumeException {
    Consumer<byte[], byte[]> created = consumerFactory.create(settings.consumer().properties());
    PollLoop newLoop =
        new PollLoop(getName(), settings, created, getChannelProcessor(), counter, clock);
    try {
      newLoop.subscribe();
    } catch (KafkaException e) {
      created.close(Duration.ZERO);
      throw new FlumeException(
          getName() + ": could not subscribe to " + settings.subscription(), e);
    }
    consumer = created;
    loop = newLoop;
    counter.start();
    LOG.info(
        "{}: started, {}, group {}, batchSize {}, headers: timestamp {}, topic "
            + "header {}, mapped Kafka headers {}",
        getName(),
        settings.subscription(),
        settings.consumer().groupId(),
        settings.batchSize(),
        settings.consumer().timestampHeader()
            ? "from the record time when absent (as stock)"
            : "not set (timestampHeader = false; stock KafkaSource always sets it)",
        settings.topicHeader() == null ? "off" : settings.topicHeader(),
        settings.headerMapping());
  }

  @Override
  protected Status doProcess() {
    PollLoop current = loop;
    loopLock.lock();
    try {
      return current.process();
    } catch (WakeupException e) {
      return Status.BACKOFF; // stop() is closing the consumer
    } catch (InterruptException e) {
      // Kafka has restored the interrupt flag; the runner exits on its next sleep.
      return Status.BACKOFF;
    } finally {
      loopLock.unlock();
    }
  }

  @Override
  protected void doStop() throws FlumeException {
    PollLoop current = loop;
    if (current == null) {
      return;
    }
    current.wakeup();
    loopLock.lock();
    try {
      try {
        current.commitDelivered();
      } catch (WakeupException e) {
        // the wakeup meant for a poll hit the commit instead: commit once more
        current.commitDelivered();
      }
      // close() revokes the partitions, which commits again through the RebalanceHandler.
      consumer.close(CLOSE_TIMEOUT);
    } catch (KafkaException e) {
      LOG.warn(
          "{}: error closing the Kafka consumer; {} buffered records not in the channel "
              + "will be re-read after restart",
          getName(),
          current.bufferedRecords(),
          e);
    } finally {
      loop = null;
      consumer = null;
      loopLock.unlock();
      counter.stop();
    }
    LOG.info("{}: stopped. Metrics: {}", getName(), counter);
  }

  @Override
  public long getBatchSize() {
    return settings.batchSize();
  }

  /** For tests and JMX readers in-process. */
  AccessLogSourceCounter counter() {
    return counter;
  }
}
