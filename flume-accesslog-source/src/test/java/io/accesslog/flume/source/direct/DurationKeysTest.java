package io.accesslog.flume.source.direct;

import io.accesslog.flume.source.kafka.DurationKeys;
import org.junit.jupiter.api.Test;

/** Every duration key of the direct channel reads the one grammar; a bare number stays ms. */
class DurationKeysTest {

  @Test
  void takeWait_acceptsTheOneGrammar() {
    DurationKeys.assertOneGrammar(DirectChannelSettings.TAKE_WAIT_MILLIS, 0L, 10_000L);
  }

  @Test
  void revokeWait_acceptsTheOneGrammar() {
    DurationKeys.assertOneGrammar(DirectChannelSettings.REVOKE_WAIT_MILLIS, 0L, 600_000L);
  }
}
