package io.accesslog.flume.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tells a webhook when an alert starts or stops firing: one {@code POST} per change set, in the
 * shape of Alertmanager's webhook ({@code
 * {"version":"4","status":"firing|resolved","alerts":[{"status",
 * "labels":{"alertname","severity","identity","host","agent"},"annotations":{"summary"},"startsAt",
 * "endsAt"}]}}), so receivers written for Alertmanager read it. A STALE agent is the alert {@code
 * agent_stale} (critical).
 *
 * <p>Called from one thread ({@code collector-alerts}); not thread-safe. A failed POST (timeout 5
 * s) is kept and sent again at the next evaluation, at most {@link #MAX_PENDING} change sets
 * (oldest dropped and logged). After a collector restart the alerts still firing are notified again
 * as firing: a receiver must treat a repeat as the same alert (Alertmanager does).
 */
final class AlertNotifier {
  static final int MAX_PENDING = 1000;
  private static final Logger LOG = Logger.getLogger(AlertNotifier.class.getName());

  private record Key(String identity, String alertname) {}

  private record Firing(AgentView agent, String severity, String summary, long since) {}

  private final URI url;
  private final String token;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Key, Firing> firing = new HashMap<>();
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private long sent;
  private long failures;

  AlertNotifier(String url, String token) {
    this.url = URI.create(url);
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /**
   * Compares the agents' alerts with the last evaluation, queues the changes, sends what is queued.
   */
  void evaluate(List<AgentView> agents, long now) {
    Map<Key, Firing> current = new HashMap<>();
    for (AgentView agent : agents) {
      if (agent.status() == AgentView.Status.STALE) {
        current.put(
            new Key(agent.identity(), "agent_stale"),
            new Firing(agent, "critical", agent.reasons().get(0), agent.latest().receivedAt()));
      }
      for (AlertRules.Alert alert : agent.alerts()) {
        current.put(
            new Key(agent.identity(), alert.name()),
            new Firing(
                agent,
                alert.severity().name().toLowerCase(Locale.ROOT),
                alert.reason(),
                alert.since()));
      }
    }
    ObjectNode body = json.createObjectNode();
    body.put("version", "4");
    body.put("receiver", "flume-metrics-collector");
    ArrayNode alerts = body.putArray("alerts");
    boolean anyFiring = false;
    for (Map.Entry<Key, Firing> e : current.entrySet()) {
      if (!firing.containsKey(e.getKey())) {
        alert(alerts, e.getKey(), e.getValue(), "firing", now);
        anyFiring = true;
      }
    }
    for (Map.Entry<Key, Firing> e : firing.entrySet()) {
      if (!current.containsKey(e.getKey())) {
        alert(alerts, e.getKey(), e.getValue(), "resolved", now);
      }
    }
    firing.clear();
    firing.putAll(current);
    if (!alerts.isEmpty()) {
      body.put("status", anyFiring ? "firing" : "resolved");
      pending.addLast(body.toString());
      if (pending.size() > MAX_PENDING) {
        pending.removeFirst();
        LOG.warning(
            "webhook "
                + url
                + " unreachable: dropped the oldest unsent notification ("
                + MAX_PENDING
                + " kept)");
      }
    }
    flush();
  }

  private static void alert(ArrayNode alerts, Key key, Firing f, String status, long now) {
    ObjectNode a = alerts.addObject();
    a.put("status", status);
    ObjectNode labels = a.putObject("labels");
    labels.put("alertname", key.alertname());
    labels.put("severity", f.severity());
    labels.put("identity", key.identity());
    labels.put("host", f.agent().latest().host());
    labels.put("agent", f.agent().latest().agent());
    a.putObject("annotations").put("summary", f.summary());
    a.put("startsAt", Instant.ofEpochMilli(f.since()).toString());
    a.put(
        "endsAt",
        status.equals("resolved") ? Instant.ofEpochMilli(now).toString() : "0001-01-01T00:00:00Z");
  }

  private void flush() {
    for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
      String body = it.next();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (!token.isEmpty()) {
        request.header("Authorization", "Bearer " + token);
      }
      try {
        HttpResponse<Void> response =
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
          throw new IOException("answered " + response.statusCode());
        }
        it.remove();
        sent++;
      } catch (IOException e) {
        failures++;
        LOG.warning(
            "webhook "
                + url
                + " failed ("
                + e
                + "); "
                + pending.size()
                + " notifications kept for the next try");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  long sent() {
    return sent;
  }

  long failures() {
    return failures;
  }

  int pending() {
    return pending.size();
  }
}
