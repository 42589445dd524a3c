package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentViewTest {
  @Test
  void of_twoReports_ratesFromCounterDeltasOverReportTime() {
    List<Report> history =
        List.of(
            Reports.report("a", 10_000, 1, 1_000, 500, 50_000),
            Reports.report("a", 12_000, 2, 5_000, 4_500, 52_000));
    AgentView view = AgentView.of("a", history, 52_500, 3, Reports.RULES);
    assertEquals(AgentView.Status.OK, view.status(), view.reasons().toString());
    AgentView.ComponentView source =
        view.components().stream()
            .filter(c -> c.name().equals("SOURCE.kafka"))
            .findFirst()
            .orElseThrow();
    assertEquals(2_000.0, source.inPerSecond());
    assertNull(source.outPerSecond());
    assertEquals(7.0, source.kafkaLag());
    AgentView.ComponentView sink =
        view.components().stream()
            .filter(c -> c.name().equals("SINK.hdfs"))
            .findFirst()
            .orElseThrow();
    assertEquals(2_000.0, sink.outPerSecond());
    assertEquals(2048.0, sink.spoolBytes());
    assertEquals(
        List.of(new AgentView.Point(12_000, 2, 2.0, 2_000.0, 2_000.0, 5_000, 4_500)),
        view.series());
  }

  @Test
  void of_noReportForStaleIntervals_stale() {
    List<Report> history = List.of(Reports.report("a", 10_000, 1, 1, 1, 50_000));
    assertEquals(
        AgentView.Status.OK, AgentView.of("a", history, 53_000, 3, Reports.RULES).status());
    AgentView stale = AgentView.of("a", history, 53_001, 3, Reports.RULES);
    assertEquals(AgentView.Status.STALE, stale.status());
    assertTrue(stale.reasons().get(0).startsWith("no report for 3 s"), stale.reasons().toString());
  }

  @Test
  void of_counterWentDown_noRate() {
    List<Report> history =
        List.of(
            Reports.report("a", 10_000, 1, 1_000, 500, 50_000),
            Reports.report("a", 11_000, 2, 10, 5, 51_000));
    AgentView view = AgentView.of("a", history, 51_000, 3, Reports.RULES);
    assertNull(view.components().get(0).inPerSecond());
    assertEquals(List.of(), view.series());
  }
}
