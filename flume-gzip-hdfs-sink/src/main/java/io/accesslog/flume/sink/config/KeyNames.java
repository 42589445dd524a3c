package io.accesslog.flume.sink.config;

import java.util.Collection;

/**
 * Finds the known key an unknown one was probably meant to be (a typo, a wrong case, a missing
 * prefix): accesslog-core's {@link io.accesslog.flume.core.KeyNames}, the one implementation every
 * component uses.
 */
public final class KeyNames {
  private KeyNames() {}

  /**
   * The known key nearest to {@code unknown} by edit distance (case-insensitive), or null when none
   * is close: at most a third of the longer name's length may differ, so {@code hdfs.rot} finds
   * {@code hdfs.root} but {@code colour} finds nothing.
   */
  public static String nearest(String unknown, Collection<String> known) {
    return io.accesslog.flume.core.KeyNames.nearest(unknown, known);
  }
}
