package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private static final String EVIL = "<img src=x onerror=\"alert(1)\"><script>alert('x')</script> & \\ \n";

  @Test
  void dashboard_identityWithMarkup_escaped() {
    Report r = Reports.report("ok", 1_000, 1, 1, 1, 1_000);
    Report evil = new Report(EVIL.trim(), "<b>h</b>", "a1", 1, 1_000, 1, 1_000, r.jvm(), r.metrics(), r.types(), 1_000);
    String html = DashboardPage.render(List.of(AgentView.of(evil.identity(), List.of(evil), 1_000, 3, Reports.RULES)), 1_000, 60_000, 5);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<b>h"), html);
    assertTrue(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; \\"), html);
  }

  @Test
  void prometheus_labelsEscapedAndNamesSnakeCase() {
    Report r = Reports.report("a\"b\\c", 1_000, 1, 3, 2, 1_000);
    String text = PrometheusFormat.render(List.of(AgentView.of(r.identity(), List.of(r), 1_000, 3, Reports.RULES)), 1_000);
    assertTrue(text.contains("flume_source_event_accepted_total{identity=\"a\\\"b\\\\c\",host=\"web-1\",agent=\"a1\",component=\"kafka\"} 3"), text);
    assertTrue(text.contains("# TYPE flume_source_event_accepted_total counter"), text);
    assertTrue(text.contains("flume_channel_channel_fill_percentage{"), text);
    assertTrue(text.contains("# TYPE flume_source_kafka_lag gauge"), "a gauge never ends in _total: " + text);
    assertEquals(1, text.split("# TYPE flume_agent_status ", -1).length - 1, "one TYPE line per family");
  }

  @Test
  void snake_flumeNames() {
    assertEquals("event_accepted_count", PrometheusFormat.snake("EventAcceptedCount"));
    assertEquals("oldest_unflushed_age_millis", PrometheusFormat.snake("OldestUnflushedAgeMillis"));
    assertEquals("hdfs_write_failures", PrometheusFormat.snake("HdfsWriteFailures"));
    assertEquals("a_b", PrometheusFormat.snake("a-b"));
  }
}
