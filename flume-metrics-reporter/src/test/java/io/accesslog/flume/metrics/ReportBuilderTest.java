package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Context;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
  @Test
  void build_longAttributeValueCutToTheProtocolLimit_otherValuesWhole() {
    ReporterSettings settings =
        ReporterSettings.parse(
            new Context(Map.of("url", "http://127.0.0.1:1/report")), "web-1", "a1");
    Map<String, String> sink = new HashMap<>();
    sink.put("LastWriteError", "java.net.ConnectException: Connection refused ".repeat(100));
    sink.put("EventDrainSuccessCount", "42");
    ReportBuilder builder = new ReportBuilder(settings, () -> Map.of("SINK.hdfs", sink));

    JsonObject report = JsonParser.parseString(builder.build(1000L, 1)).getAsJsonObject();
    JsonObject attributes = report.getAsJsonObject("metrics").getAsJsonObject("SINK.hdfs");
    String error = attributes.get("LastWriteError").getAsString();
    assertEquals(ReportBuilder.MAX_VALUE_CHARS, error.length());
    assertTrue(
        error.startsWith("java.net.ConnectException: Connection refused") && error.endsWith("..."),
        error);
    assertEquals("42", attributes.get("EventDrainSuccessCount").getAsString());
  }
}
