package io.accesslog.flume.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;

class ReporterSettingsTest {
  private static ReporterSettings parse(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return ReporterSettings.parse(new Context(map), "web-7", "a1");
  }

  @Test
  void parse_onlyUrl_documentedDefaults() {
    ReporterSettings s = parse("url", "http://127.0.0.1:9099/report");
    assertEquals(10_000, s.intervalMillis);
    assertEquals(5_000, s.timeoutMillis);
    assertEquals(100, s.backlog);
    assertEquals(60_000, s.maxBackoffMillis);
    assertEquals("web-7/a1", s.identity);
    assertEquals("a1", s.agent);
    assertEquals("", s.token);
  }

  @Test
  void parse_allKeys_taken() {
    ReporterSettings s =
        parse(
            "url",
            "https://c/report",
            "interval",
            "1s",
            "timeout",
            "250ms",
            "identity",
            "edge-1",
            "agent",
            "x",
            "token",
            "t0k",
            "backlog",
            "3",
            "maxBackoff",
            "2m");
    assertEquals(1_000, s.intervalMillis);
    assertEquals(250, s.timeoutMillis);
    assertEquals("edge-1", s.identity);
    assertEquals("t0k", s.token);
    assertEquals(3, s.backlog);
    assertEquals(120_000, s.maxBackoffMillis);
  }

  @Test
  void parse_missingUrl_namesKey() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> parse("interval", "1s"));
    assertTrue(e.getMessage().contains("flume.monitoring.url"), e.getMessage());
  }

  @Test
  void parse_badValues_nameKeyValueAndAllowed() {
    String[][] bad = {
      {"url", "ftp://x/y"}, {"interval", "0s"}, {"interval", "ten"}, {"timeout", "10h"},
      {"backlog", "0"}, {"backlog", "many"}, {"maxBackoff", "500ms"}, {"identity", " "},
    };
    for (String[] kv : bad) {
      String[] args =
          kv[0].equals("url") ? kv : new String[] {"url", "http://h/report", kv[0], kv[1]};
      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> parse(args), kv[0] + "=" + kv[1]);
      assertTrue(
          e.getMessage().contains("flume.monitoring." + kv[0])
              && e.getMessage().contains("expected"),
          e.getMessage());
    }
  }

  /** A bare number was seconds here before the one grammar: still read so, with a deprecation. */
  @Test
  void durationKeys_bareNumber_readAsSecondsAndDeprecated() {
    List<String> warnings = new ArrayList<>();
    ReporterSettings s =
        ReporterSettings.parse(
            new Context(
                Map.of(
                    "url",
                    "http://h/report",
                    "interval",
                    "3",
                    "timeout",
                    "2",
                    "maxBackoff",
                    "120")),
            "web-7",
            "a1",
            warnings::add);
    assertEquals(3_000, s.intervalMillis);
    assertEquals(2_000, s.timeoutMillis);
    assertEquals(120_000, s.maxBackoffMillis);
    assertEquals(3, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("flume.monitoring.interval = 3 is read as 3s"), warnings.get(0));
    warnings.clear();
    ReporterSettings.parse(
        new Context(Map.of("url", "http://h/report", "interval", "3s")),
        "web-7",
        "a1",
        warnings::add);
    assertEquals(List.of(), warnings);
  }

  @Test
  void agentName_fromFlumeCommandLine() {
    assertEquals(
        "edge",
        PushReporter.agentNameFromCommandLine(
            "org.apache.flume.node.Application -n edge -f /x.properties --no-reload-conf"));
    assertEquals(
        "b", PushReporter.agentNameFromCommandLine("org.apache.flume.node.Application --name b"));
    assertEquals("agent", PushReporter.agentNameFromCommandLine(null));
  }
}
