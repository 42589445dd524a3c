package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusFormatTest {
  private static final String L = "{identity=\"a\",host=\"web-1\",agent=\"a1\",component=";

  private static String render(Report r) {
    return PrometheusFormat.render(
        List.of(AgentView.of(r.identity(), List.of(r), r.receivedAt(), 3, Reports.RULES)),
        r.receivedAt());
  }

  @Test
  void render_typedReport_typesAndBaseUnitsFromDeclarations() throws java.io.IOException {
    String text =
        render(
            Reports.typed(
                "a",
                1_000,
                3,
                Map.of(
                    "HdfsWrites",
                    "17",
                    "OldestUnflushedAgeMillis",
                    "2500",
                    "HdfsBytesWritten",
                    "4096",
                    "WriterIdConflict",
                    "0",
                    "LastWriteError",
                    "boom"),
                1_000));
    // Kept for a look with promtool (MetricsPushIT runs promtool on a real agent's).
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target", "prometheus-typed-sample.txt"), text);

    assertTrue(text.contains("# TYPE flume_sink_hdfs_writes_total counter\n"), text);
    assertTrue(text.contains("flume_sink_hdfs_writes_total" + L + "\"hdfs\"} 17\n"), text);
    assertTrue(
        text.contains("# TYPE flume_source_kafka_paused_partition gauge\n"),
        "a gauge named ...Count: " + text);
    assertTrue(
        text.contains("flume_sink_oldest_unflushed_age_seconds" + L + "\"hdfs\"} 2.5\n"), text);
    assertTrue(
        text.contains("flume_channel_fill_ratio" + L + "\"ch\"} 0.125\n"),
        "no stutter, a ratio: " + text);
    assertTrue(text.contains("flume_channel_size" + L + "\"ch\"} 5\n"), text);
    assertTrue(text.contains("# TYPE flume_sink_hdfs_written_bytes_total counter\n"), text);
    assertTrue(text.contains("flume_source_start_time_seconds" + L + "\"kafka\"} 1.5\n"), text);
    assertTrue(
        text.contains(
            "flume_source_kafka_partition_lag"
                + L
                + "\"kafka\",topic=\"access-logs\",partition=\"1\"} 4\n"),
        text);
    assertTrue(
        text.contains(
            "flume_agent_metric_types_declared{identity=\"a\",host=\"web-1\",agent=\"a1\"} 1\n"),
        text);
    assertTrue(
        text.contains(
            "flume_agent_undeclared_attributes{identity=\"a\",host=\"web-1\",agent=\"a1\"} 0\n"),
        text);
    assertFalse(text.contains("per_second"), "rates are PromQL's job: " + text);
    assertFalse(text.contains("boom"), "text attributes are not samples");
    assertFalse(text.contains(" untyped\n"), text);
  }

  @Test
  void render_typedReportWithUndeclaredAttribute_exportedUntypedAndCounted() {
    String text = render(Reports.typed("a", 1_000, 3, Map.of("MysteryCount", "4"), 1_000));
    assertTrue(text.contains("# TYPE flume_sink_mystery_count untyped\n"), text);
    assertTrue(
        text.contains(
            "flume_agent_undeclared_attributes{identity=\"a\",host=\"web-1\",agent=\"a1\"} 1\n"),
        text);
  }

  @Test
  void render_formatOneReport_guessesAsBefore_flagged() {
    String text = render(Reports.report("a", 1_000, 1, 3, 2, 1_000));
    assertTrue(text.contains("# TYPE flume_source_event_accepted_total counter\n"), text);
    assertTrue(text.contains("flume_channel_channel_fill_percentage" + L + "\"ch\"} 12.5\n"), text);
    assertTrue(
        text.contains(
            "flume_agent_metric_types_declared{identity=\"a\",host=\"web-1\",agent=\"a1\"} 0\n"),
        text);
    assertTrue(text.contains("type guessed from the name"), text);
  }

  @Test
  void of_namingGuidelines() {
    assertEquals(
        new MetricName("flume_sink_event_drain_success_total", "counter", 1, false),
        MetricName.of("SINK", "EventDrainSuccessCount", "counter:1"));
    assertEquals(
        "flume_channel_taken_in_flight",
        MetricName.of("CHANNEL", "TakenInFlightCount", "gauge:1").family());
    assertEquals(
        "flume_source_kafka_lag", MetricName.of("SOURCE", "KafkaLagTotal", "gauge:1").family());
    assertEquals(
        "flume_sink_level1_bytes", MetricName.of("SINK", "Level1Bytes", "gauge:bytes").family());
    assertEquals(
        "flume_sink_compression_ratio",
        MetricName.of("SINK", "CompressionRatioPercent", "gauge:percent").family());
    assertEquals(
        "flume_source_kafka_commit_seconds_total",
        MetricName.of("SOURCE", "KafkaCommitTimer", "counter:ms").family());
    assertEquals(
        "flume_channel_capacity", MetricName.of("CHANNEL", "ChannelCapacity", "gauge:1").family());
    assertEquals(
        "flume_sink_channel_read_fail_total",
        MetricName.of("SINK", "ChannelReadFail", "counter:1").family());
    assertEquals(
        "flume_interceptor_error_bad_time_total",
        MetricName.of("INTERCEPTOR", "ErrorBadTime", "counter:1").family());
    assertEquals(
        "flume_other_reports_dropped_total",
        MetricName.of("OTHER", "ReportsDropped", "counter:1").family());
    assertNull(MetricName.of("SINK", "LastWriteError", "info:1"));
  }

  @Test
  void codec_unknownDeclaration_refusedNamingIt() {
    String json =
        Reports.json("a", 1_000, 1, 1, 1, "")
            .replaceFirst("}$", ",\"types\":{\"SINK.hdfs\":{\"X\":\"counter:furlongs\"}}}");
    ReportCodec.InvalidReport e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReportCodec.InvalidReport.class, () -> new ReportCodec().parse(json, 1));
    assertTrue(e.getMessage().contains("types.SINK.hdfs.X"), e.getMessage());
  }
}
