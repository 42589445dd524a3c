package io.accesslog.flume.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The declared type and unit of every attribute a report carries, so the collector never guesses
 * from a name. A component declares its own attributes in a text attribute {@code MetricTypes}
 * ({@code Name=kind:unit,...}, see {@link #parse}); Flume's standard counters ({@code
 * SourceCounter}, {@code ChannelCounter}, {@code SinkCounter}, the file and Kafka channel counters)
 * are Flume's and stable, so their table is built in here ({@link #FLUME}). A component's own
 * declaration wins.
 *
 * <p>Kinds: {@code counter} (only grows while the JVM runs), {@code gauge}, {@code info} (text, not
 * a number), {@code gauge_by_partition} (text {@code topic-partition=value,...}). Units: {@code 1},
 * {@code bytes}, {@code ms} (a duration), {@code percent}, {@code epoch_ms} (a point in time).
 */
final class MetricTypes {
  /** The attribute a component declares its types in; not sent as a metric itself. */
  static final String ATTRIBUTE = "MetricTypes";

  static final Set<String> KINDS = set("counter", "gauge", "info", "gauge_by_partition");
  static final Set<String> UNITS = set("1", "bytes", "ms", "percent", "epoch_ms");

  private static final String COUNTER = "counter:1";
  private static final String GAUGE = "gauge:1";

  /**
   * Flume 1.11's own attributes (flume-ng-core instrumentation MBeans, file channel, Kafka
   * components).
   */
  static final Map<String, String> FLUME = flume();

  private MetricTypes() {}

  private static Set<String> set(String... values) {
    return Collections.unmodifiableSet(new HashSet<>(Arrays.asList(values)));
  }

  private static Map<String, String> flume() {
    Map<String, String> t = new LinkedHashMap<>();
    for (String counter :
        new String[] {
          // SourceCounterMBean
          "AppendAcceptedCount",
          "AppendBatchAcceptedCount",
          "AppendBatchReceivedCount",
          "AppendReceivedCount",
          "ChannelWriteFail",
          "EventAcceptedCount",
          "EventReadFail",
          "EventReceivedCount",
          "GenericProcessingFail",
          // ChannelCounterMBean
          "EventPutAttemptCount",
          "EventPutSuccessCount",
          "EventTakeAttemptCount",
          "EventTakeSuccessCount",
          // FileChannelCounterMBean
          "CheckpointBackupWriteErrorCount",
          "CheckpointWriteErrorCount",
          "EventPutErrorCount",
          "EventTakeErrorCount",
          // SinkCounterMBean
          "BatchCompleteCount",
          "BatchEmptyCount",
          "BatchUnderflowCount",
          "ChannelReadFail",
          "ConnectionClosedCount",
          "ConnectionCreatedCount",
          "ConnectionFailedCount",
          "EventDrainAttemptCount",
          "EventDrainSuccessCount",
          "EventWriteFail",
          // Kafka source/channel/sink counters
          "KafkaEmptyCount",
          "RollbackCount"
        }) {
      t.put(counter, COUNTER);
    }
    for (String timer :
        new String[] {"KafkaCommitTimer", "KafkaEventGetTimer", "KafkaEventSendTimer"}) {
      t.put(timer, "counter:ms");
    }
    t.put("OpenConnectionCount", GAUGE);
    t.put("ChannelCapacity", GAUGE);
    t.put("ChannelSize", GAUGE);
    t.put("ChannelFillPercentage", "gauge:percent");
    t.put("Unhealthy", GAUGE);
    t.put("Closed", GAUGE);
    t.put("Open", GAUGE);
    t.put("StartTime", "gauge:epoch_ms");
    t.put("StopTime", "gauge:epoch_ms");
    t.put("Type", "info:1");
    return Collections.unmodifiableMap(t);
  }

  /**
   * {@code Name=kind:unit,...} to a map; an entry that does not have that shape is skipped (a
   * component's mistake must not cost the report), kinds and units outside {@link #KINDS} and
   * {@link #UNITS} included.
   */
  static Map<String, String> parse(String declaration) {
    Map<String, String> types = new TreeMap<>();
    if (declaration == null) {
      return types;
    }
    for (String entry : declaration.split(",")) {
      int eq = entry.indexOf('=');
      int colon = entry.indexOf(':', eq + 1);
      if (eq < 1 || colon < 0) {
        continue;
      }
      String kind = entry.substring(eq + 1, colon).trim();
      String unit = entry.substring(colon + 1).trim();
      if (KINDS.contains(kind) && UNITS.contains(unit)) {
        types.put(entry.substring(0, eq).trim(), kind + ":" + unit);
      }
    }
    return types;
  }

  /**
   * The declared type of each attribute of one component (its own declaration first, then Flume's
   * table); attributes with neither are left out, and the collector shows them as untyped.
   */
  static Map<String, String> of(Map<String, String> attributes) {
    Map<String, String> own = parse(attributes.get(ATTRIBUTE));
    Map<String, String> types = new TreeMap<>();
    for (String name : attributes.keySet()) {
      if (name.equals(ATTRIBUTE)) {
        continue;
      }
      String type = own.containsKey(name) ? own.get(name) : FLUME.get(name);
      if (type != null) {
        types.put(name, type);
      }
    }
    return types;
  }
}
