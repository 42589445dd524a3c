package io.accesslog.flume.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code GET /api/agents}: every agent with its status, reasons, latest report (as sent), per
 * component rates and gauges, and the series of rates over the window.
 */
final class ApiFormat {
  private ApiFormat() {}

  static ObjectNode render(ObjectMapper json, ReportCodec codec, List<AgentView> agents, long now) {
    ObjectNode root = json.createObjectNode();
    root.put("generatedAt", now);
    ArrayNode list = root.putArray("agents");
    for (AgentView agent : agents) {
      ObjectNode a = list.addObject();
      a.put("identity", agent.identity());
      a.put("status", agent.status().name());
      ArrayNode reasons = a.putArray("reasons");
      agent.reasons().forEach(reasons::add);
      ArrayNode alerts = a.putArray("alerts");
      for (AlertRules.Alert alert : agent.alerts()) {
        alerts
            .addObject()
            .put("name", alert.name())
            .put("severity", alert.severity().name().toLowerCase(java.util.Locale.ROOT))
            .put("reason", alert.reason())
            .put("since", alert.since());
      }
      a.put("reportsInWindow", agent.reportsInWindow());
      a.put("lastReportAgeMillis", Math.max(0, now - agent.latest().receivedAt()));
      a.set("latest", codec.write(agent.latest()));
      ObjectNode components = a.putObject("components");
      for (AgentView.ComponentView c : agent.components()) {
        ObjectNode node = components.putObject(c.name());
        putIfSet(node, "eventsInPerSecond", c.inPerSecond());
        putIfSet(node, "eventsOutPerSecond", c.outPerSecond());
        putIfSet(node, "fillPercent", c.fillPercent());
        node.put("failures", c.failures());
        putIfSet(node, "kafkaLag", c.kafkaLag());
        putIfSet(node, "spoolBytes", c.spoolBytes());
        putIfSet(node, "oldestUnflushedAgeMillis", c.oldestUnflushedAgeMillis());
      }
      ArrayNode series = a.putArray("series");
      for (AgentView.Point p : agent.series()) {
        series
            .addObject()
            .put("reportTime", p.reportTime())
            .put("reportCount", p.reportCount())
            .put("seconds", p.seconds())
            .put("eventsInPerSecond", p.inPerSecond())
            .put("eventsOutPerSecond", p.outPerSecond())
            .put("eventsIn", p.eventsIn())
            .put("eventsOut", p.eventsOut());
      }
    }
    return root;
  }

  private static void putIfSet(ObjectNode node, String field, Double value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
