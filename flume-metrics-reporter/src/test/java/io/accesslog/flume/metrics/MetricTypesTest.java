package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class MetricTypesTest {
  @Test
  void of_ownDeclarationWinsOverFlumeTable_undeclaredLeftOut() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("EventDrainSuccessCount", "5");
    attributes.put("HdfsWrites", "3");
    attributes.put("KafkaPausedPartitionCount", "1");
    attributes.put("Mystery", "7");
    attributes.put("MetricTypes", "HdfsWrites=counter:1,KafkaPausedPartitionCount=gauge:1");

    Map<String, String> types = MetricTypes.of(attributes);

    assertEquals("counter:1", types.get("EventDrainSuccessCount"));
    assertEquals("counter:1", types.get("HdfsWrites"));
    assertEquals(
        "gauge:1", types.get("KafkaPausedPartitionCount"), "declared, not guessed from 'Count'");
    assertFalse(types.containsKey("Mystery"));
    assertFalse(types.containsKey("MetricTypes"));
  }

  @Test
  void parse_malformedEntriesSkipped_wellFormedKept() {
    Map<String, String> types =
        MetricTypes.parse("A=counter:1,,B,C=gauge,D=gauge:furlongs,E=weird:1, F = gauge:ms ");
    assertEquals(Map.of("A", "counter:1", "F", "gauge:ms"), types);
  }

  @Test
  void build_reportCarriesTypes_declarationNotSentAsMetric() {
    ReporterSettings settings =
        ReporterSettings.parse(
            new Context(Map.of("url", "http://127.0.0.1:1/report")), "web-1", "a1");
    Map<String, String> sink = new HashMap<>();
    sink.put("HdfsWrites", "9");
    sink.put("MetricTypes", "HdfsWrites=counter:1");
    JsonObject report =
        JsonParser.parseString(
                new ReportBuilder(settings, () -> Map.of("SINK.hdfs", sink)).build(1000L, 1))
            .getAsJsonObject();

    assertEquals(2, report.get("version").getAsInt());
    assertFalse(report.getAsJsonObject("metrics").getAsJsonObject("SINK.hdfs").has("MetricTypes"));
    assertEquals(
        "counter:1",
        report
            .getAsJsonObject("types")
            .getAsJsonObject("SINK.hdfs")
            .get("HdfsWrites")
            .getAsString());
  }
}
