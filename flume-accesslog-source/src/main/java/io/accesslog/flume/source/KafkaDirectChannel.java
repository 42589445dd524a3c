package io.accesslog.flume.source;

import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka direct channel under its old name, so that configurations written for 0.1 ({@code type
 * = io.accesslog.flume.source.KafkaDirectChannel}) keep working: same keys, same metrics (component
 * {@code CHANNEL.<name>}, every counter and attribute name), same behaviour.
 *
 * @deprecated use {@link io.accesslog.flume.source.direct.KafkaDirectChannel} ({@code type =
 *     io.accesslog.flume.source.direct.KafkaDirectChannel}); this name logs a warning at configure
 *     and will be removed.
 */
@Deprecated
public class KafkaDirectChannel extends io.accesslog.flume.source.direct.KafkaDirectChannel {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDirectChannel.class);

  private boolean warned;

  /** Used by Flume. */
  public KafkaDirectChannel() {}

  @Override
  public void configure(Context context) {
    if (!warned) {
      warned = true;
      LOG.warn(
          "{}: channel type {} is deprecated; use {} (same keys, same metrics)",
          getName(),
          KafkaDirectChannel.class.getName(),
          io.accesslog.flume.source.direct.KafkaDirectChannel.class.getName());
    }
    super.configure(context);
  }
}
