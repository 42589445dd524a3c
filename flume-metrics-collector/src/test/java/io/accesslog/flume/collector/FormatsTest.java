package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {
  private static final String EVIL =
      "<img src=x onerror=\"alert(1)\"><script>alert('x')</script> & \\ \n";

  @Test
  void dashboard_identityWithMarkup_escaped() {
    Report r = Reports.report("ok", 1_000, 1, 1, 1, 1_000);
    Report evil =
        new Report(
            EVIL.trim(),
            "<b>h</b>",
            "a1",
            1,
            1_000,
            1,
            1_000,
            r.jvm(),
            r.metrics(),
            r.types(),
            1_000);
    String html =
        DashboardPage.render(
            List.of(AgentView.of(evil.identity(), List.of(evil), 1_000, 3, Reports.RULES)),
            1_000,
            60_000,
            5);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<b>h"), html);
    assertTrue(
        html.contains(
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; \\"),
        html);
  }

  @Test
  void prometheus_labelsEscapedAndNamesSnakeCase() {
    Report r = Reports.report("a\"b\\c", 1_000, 1, 3, 2, 1_000);
    String text =
        PrometheusFormat.render(
            List.of(AgentView.of(r.identity(), List.of(r), 1_000, 3, Reports.RULES)), 1_000);
    assertTrue(
        text.contains(
            "flume_source_event_accepted_total{identity=\"a\\\"b\\\\c\",host=\"web-1\",agent=\"a1\",component=\"kafka\"} 3"),
        text);
    assertTrue(text.contains("# TYPE flume_source_event_accepted_total counter"), text);
    assertTrue(text.contains("flume_channel_channel_fill_percentage{"), text);
    assertTrue(
        text.contains("# TYPE flume_source_kafka_lag gauge"),
        "a gauge never ends in _total: " + text);
    assertEquals(
        1, text.split("# TYPE flume_agent_status ", -1).length - 1, "one TYPE line per family");
  }

  @Test
  void snake_flumeNames() {
    assertEquals("event_accepted_count", PrometheusFormat.snake("EventAcceptedCount"));
    assertEquals("oldest_unflushed_age_millis", PrometheusFormat.snake("OldestUnflushedAgeMillis"));
    assertEquals("hdfs_write_failures", PrometheusFormat.snake("HdfsWriteFailures"));
    assertEquals("a_b", PrometheusFormat.snake("a-b"));
  }

  @Test
  void dashboard_thousandAgentsWithFullWindows_worstFirst_pageUnderOneMegabyte() {
    List<List<Report>> histories = new java.util.ArrayList<>();
    Report ok = Reports.typed("x", 0, 1, java.util.Map.of("WriterIdConflict", "0"), 0);
    Report conflict = Reports.typed("x", 0, 1, java.util.Map.of("WriterIdConflict", "1"), 0);
    for (int a = 0; a < 1000; a++) {
      List<Report> history = new java.util.ArrayList<>();
      Report base = a == 500 ? conflict : ok;
      for (int i = 0; i < 900; i++) {
        long t = 10_000 + i * 1_000L;
        history.add(
            new Report(
                "agent-" + a,
                base.host(),
                base.agent(),
                base.startTime(),
                t,
                i + 1,
                1_000,
                base.jvm(),
                base.metrics(),
                base.types(),
                t));
      }
      histories.add(history);
    }
    List<AgentView> views = new java.util.ArrayList<>();
    AlertRules.Memory memory = new AlertRules.Memory();
    long viewsStarted = System.nanoTime();
    for (List<Report> history : histories) {
      views.add(
          AgentView.of(
              history.get(0).identity(),
              history,
              10_000 + 899 * 1_000L,
              3,
              Reports.RULES,
              memory,
              true));
    }
    long again = System.nanoTime();
    List<AgentView> second = new java.util.ArrayList<>();
    for (List<Report> history : histories) {
      second.add(
          AgentView.of(
              history.get(0).identity(),
              history,
              10_000 + 899 * 1_000L,
              3,
              Reports.RULES,
              memory,
              false));
    }
    long againMillis = (System.nanoTime() - again) / 1_000_000;
    assertEquals(
        views.stream().map(AgentView::alerts).toList(),
        second.stream().map(AgentView::alerts).toList());
    long started = System.nanoTime();
    String html = DashboardPage.render(views, 10_000 + 899 * 1_000L, 900_000, 5);
    System.out.printf(
        "dashboard of 1,000 agents x 900 reports: %,d bytes, rendered in %d ms; the views (rates, "
            + "alert rules) took %d ms from the start, %d ms "
            + "evaluated again with the rule states carried (no series: the webhook's and /metrics' view)%n",
        html.length(),
        (System.nanoTime() - started) / 1_000_000,
        (again - viewsStarted) / 1_000_000,
        againMillis);
    assertTrue(html.length() < 1_000_000, "page size " + html.length());
    assertTrue(html.indexOf("agent-500") < html.indexOf("agent-0<"), "the critical agent first");
    assertTrue(
        html.contains("1000 agents: 999 OK, 0 WARNING, 1 CRITICAL, 0 STALE"),
        html.substring(0, 2000));
    assertEquals(DashboardPage.DETAILED, html.split("<section class=\"agent\"", -1).length - 1);
  }

  @Test
  void dashboard_oneAgentAsked_onlyItsDetails() {
    List<AgentView> views =
        List.of(
            AgentView.of(
                "a", List.of(Reports.report("a", 1_000, 1, 1, 1, 1_000)), 1_000, 3, Reports.RULES),
            AgentView.of(
                "b", List.of(Reports.report("b", 1_000, 1, 1, 1, 1_000)), 1_000, 3, Reports.RULES));
    String html = DashboardPage.render(views, 1_000, 60_000, 5, "b");
    assertEquals(1, html.split("<section class=\"agent\"", -1).length - 1, html);
    assertTrue(html.contains("<span class=\"identity\">b</span>"), html);
    assertTrue(html.contains("2 agents: 2 OK"), "the fleet summary stays on top: " + html);
  }
}
