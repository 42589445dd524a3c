package io.accesslog.flume.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus files ({@code monitoring/prometheus}) pass Prometheus' own checks: the
 * rules load ({@code promtool check rules}), their unit tests pass ({@code promtool test rules}: a
 * catch-up with a full channel alerts nothing; a stuck channel, writer-id conflict, HDFS outage,
 * growing lag, stuck recovery, spool damage and old unflushed data fire), and the scrape config
 * loads ({@code promtool check config}). That every metric they name exists is checked in {@link
 * MetricsPushIT} against a real agent's.
 */
class MonitoringRulesIT {
  static Path monitoringDir() {
    return HarnessPaths.confExamples().toAbsolutePath().getParent().resolve("monitoring");
  }

  @Test
  void promtool_rulesLoad_ruleTestsPass_scrapeConfigLoads() throws Exception {
    Path dir = monitoringDir().resolve("prometheus");
    for (List<String> args :
        List.of(
            List.of("check", "rules", "flume-alerts.yml"),
            List.of("test", "rules", "flume-alerts.test.yml"),
            List.of("check", "config", "scrape.yml"))) {
      String output = promtool(dir, args);
      System.out.println("promtool " + String.join(" ", args) + ":\n" + output);
      assertTrue(output.contains("SUCCESS"), output);
    }
  }

  static String promtool(Path dir, List<String> args) throws IOException, InterruptedException {
    Path promtool = DebianTools.require("promtool", "prometheus");
    Path out = Files.createTempFile("promtool", ".txt");
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(new File("/dev/null"))
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool " + args + " finished");
    String output = Files.readString(out);
    assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
    return output;
  }
}
