package io.accesslog.flume.metrics;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Takes one report: every Flume component's attributes (the map Flume's HTTP {@code /metrics}
 * serves, keyed {@code SOURCE.<name>}, {@code CHANNEL.<name>}, {@code SINK.<name>} ...) plus the
 * JVM's heap, GC and uptime, as one JSON object.
 *
 * <pre>
 * {"version":1, "identity":"...", "host":"...", "agent":"a1", "startTime":ms, "reportTime":ms,
 *  "reportCount":n, "intervalMillis":ms,
 *  "jvm":{"heapUsed":b, "heapCommitted":b, "heapMax":b, "gcCount":n, "gcTimeMillis":ms, "uptimeMillis":ms},
 *  "metrics":{"SOURCE.kafka":{"EventAcceptedCount":"12", ...}, ...},
 *  "types":{"SOURCE.kafka":{"EventAcceptedCount":"counter:1", "KafkaLagTotal":"gauge:1", ...}, ...}}
 * </pre>
 *
 * <p>{@code types} holds each attribute's declared kind and unit ({@link MetricTypes}); a
 * component's {@code MetricTypes} declaration goes there, not into {@code metrics}.
 */
final class ReportBuilder {
  /** 2 added {@code types}; a version-1 collector ignores the field. */
  static final int FORMAT_VERSION = 2;

  /**
   * Longest attribute value sent (the collector refuses a report with a longer one). A sink's last
   * error message can be longer, exactly while HDFS is in trouble: it is cut, not the report lost.
   */
  static final int MAX_VALUE_CHARS = 1000;

  private final Gson gson = new Gson();
  private final ReporterSettings settings;
  private final Supplier<Map<String, Map<String, String>>> components;
  private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();

  ReportBuilder(ReporterSettings settings, Supplier<Map<String, Map<String, String>>> components) {
    this.settings = settings;
    this.components = components;
  }

  String build(long reportTime, long reportCount) {
    JsonObject report = new JsonObject();
    report.addProperty("version", FORMAT_VERSION);
    report.addProperty("identity", settings.identity);
    report.addProperty("host", settings.host);
    report.addProperty("agent", settings.agent);
    report.addProperty("startTime", runtime.getStartTime());
    report.addProperty("reportTime", reportTime);
    report.addProperty("reportCount", reportCount);
    report.addProperty("intervalMillis", settings.intervalMillis);
    report.add("jvm", jvm());
    Map<String, Map<String, String>> all = new TreeMap<>(components.get());
    report.add("metrics", metrics(all));
    report.add("types", types(all));
    return gson.toJson(report);
  }

  private static JsonObject metrics(Map<String, Map<String, String>> components) {
    JsonObject all = new JsonObject();
    for (Map.Entry<String, Map<String, String>> component : components.entrySet()) {
      JsonObject attributes = new JsonObject();
      for (Map.Entry<String, String> a : new TreeMap<>(component.getValue()).entrySet()) {
        if (!a.getKey().equals(MetricTypes.ATTRIBUTE)) {
          attributes.addProperty(a.getKey(), cut(a.getValue()));
        }
      }
      all.add(component.getKey(), attributes);
    }
    return all;
  }

  private static JsonObject types(Map<String, Map<String, String>> components) {
    JsonObject all = new JsonObject();
    for (Map.Entry<String, Map<String, String>> component : components.entrySet()) {
      JsonObject types = new JsonObject();
      MetricTypes.of(component.getValue()).forEach(types::addProperty);
      all.add(component.getKey(), types);
    }
    return all;
  }

  static String cut(String value) {
    return value == null || value.length() <= MAX_VALUE_CHARS
        ? value
        : value.substring(0, MAX_VALUE_CHARS - 3) + "...";
  }

  private JsonObject jvm() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long gcCount = 0;
    long gcTime = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcCount += Math.max(0, gc.getCollectionCount());
      gcTime += Math.max(0, gc.getCollectionTime());
    }
    JsonObject jvm = new JsonObject();
    jvm.addProperty("heapUsed", heap.getUsed());
    jvm.addProperty("heapCommitted", heap.getCommitted());
    jvm.addProperty("heapMax", heap.getMax());
    jvm.addProperty("gcCount", gcCount);
    jvm.addProperty("gcTimeMillis", gcTime);
    jvm.addProperty("uptimeMillis", runtime.getUptime());
    return jvm;
  }
}
