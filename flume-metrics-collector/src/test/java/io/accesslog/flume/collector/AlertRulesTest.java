package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Histories of 1 s reports, scripted per report number; thresholds small enough to read. */
class AlertRulesTest {
  /**
   * for 3 intervals, clear 3, lookback 5 s, recovery 20 s, lag 20 s, unflushed 30 s, failures 10 s,
   * spool 1 MiB, fill 90 %.
   */
  private static final AlertRules RULES =
      new AlertRules(
          new AlertRules.Thresholds(3, 3, 5_000, 20_000, 20_000, 30_000, 10_000, 1L << 20, 90));

  /**
   * {@code n} reports one second apart; {@code sink}/{@code channel} give each report's attributes.
   */
  private static List<Report> history(
      int n,
      long startTime,
      IntFunction<Map<String, String>> sink,
      IntFunction<Map<String, String>> channel) {
    List<Report> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Map<String, String>> metrics = new HashMap<>();
      metrics.put("SINK.hdfs", sink.apply(i));
      metrics.put("CHANNEL.ch", channel.apply(i));
      long t = 100_000 + i * 1_000L;
      out.add(new Report("a", "h", "a1", startTime, t, i + 1, 1_000, Map.of(), metrics, null, t));
    }
    return out;
  }

  private static List<String> names(List<Report> history) {
    return RULES.firing(history).stream().map(AlertRules.Alert::name).toList();
  }

  private static Map<String, String> channel(double fill, long taken) {
    return Map.of(
        "ChannelFillPercentage",
        String.valueOf(fill),
        "EventTakeSuccessCount",
        String.valueOf(taken));
  }

  @Test
  void firing_fullChannelThatDrains_isBackpressureNotAlert() {
    List<Report> catchUp =
        history(60, 1, i -> Map.of("HdfsWriteFailures", "0"), i -> channel(99.5, i * 1000L));
    assertEquals(List.of(), names(catchUp));
  }

  @Test
  void firing_fullChannelNothingTakes_channelStuckAfterHold() {
    // Taking until report 20, then nothing: stuck from 25 (lookback 5 s), fires 3 intervals later.
    IntFunction<Map<String, String>> ch = i -> channel(95, Math.min(i, 20) * 100L);
    assertEquals(List.of(), names(history(27, 1, i -> Map.of(), ch)));
    assertEquals(List.of("channel_stuck"), names(history(29, 1, i -> Map.of(), ch)));
  }

  @Test
  void firing_oneFailedWrite_noAlert_sustainedFailures_critical() {
    List<Report> blip =
        history(40, 1, i -> Map.of("HdfsWriteFailures", i >= 10 ? "1" : "0"), i -> channel(0, i));
    assertEquals(List.of(), names(blip), "one failed write in 40 s is not an outage");
    IntFunction<Map<String, String>> outage =
        i -> Map.of("HdfsWriteFailures", String.valueOf(Math.max(0, i - 9)));
    assertEquals(
        List.of(), names(history(19, 1, outage, i -> channel(0, i))), "failing 9 s < 10 s");
    List<AlertRules.Alert> firing = RULES.firing(history(21, 1, outage, i -> channel(0, i)));
    assertEquals(1, firing.size(), firing.toString());
    assertEquals("write_failures", firing.get(0).name());
    assertEquals(AlertRules.Severity.CRITICAL, firing.get(0).severity());
    assertTrue(
        firing.get(0).reason().startsWith("SINK.hdfs HdfsWriteFailures +5 in 5 s"),
        firing.get(0).reason());
  }

  @Test
  void firing_conditionGone_staysUntilClearIntervals_noFlapping() {
    // Writer-id conflict at reports 5..9 only.
    IntFunction<Map<String, String>> sink =
        i -> Map.of("WriterIdConflict", i >= 5 && i < 10 ? "1" : "0");
    assertEquals(
        List.of("writer_id_conflict"),
        names(history(6, 1, sink, i -> channel(0, i))),
        "fires at once");
    assertEquals(
        List.of("writer_id_conflict"),
        names(history(13, 1, sink, i -> channel(0, i))),
        "false for 2 s: held");
    assertTrue(
        RULES
            .firing(history(13, 1, sink, i -> channel(0, i)))
            .get(0)
            .reason()
            .endsWith("(clearing)"));
    assertEquals(
        List.of(),
        names(history(14, 1, sink, i -> channel(0, i))),
        "false for 3 intervals: cleared");
  }

  @Test
  void firing_levelBelowHold_noAlert_heldLongEnough_alert() {
    IntFunction<Map<String, String>> sink =
        i -> Map.of("OldestUnflushedAgeMillis", i % 3 == 0 ? "1000" : "40000");
    assertEquals(
        List.of(),
        names(history(30, 1, sink, i -> channel(0, i))),
        "true 2 of 3 reports: never 3 intervals");
    IntFunction<Map<String, String>> old =
        i -> Map.of("OldestUnflushedAgeMillis", i >= 10 ? "40000" : "1000");
    assertEquals(List.of(), names(history(13, 1, old, i -> channel(0, i))));
    assertEquals(List.of("unflushed_too_old"), names(history(14, 1, old, i -> channel(0, i))));
  }

  @Test
  void firing_recoveringLongerThanThreshold_recoveryStuck() {
    IntFunction<Map<String, String>> sink = i -> Map.of("Recovering", "1");
    assertEquals(List.of(), names(history(20, 1, sink, i -> channel(0, i))));
    assertEquals(List.of("recovery_stuck"), names(history(21, 1, sink, i -> channel(0, i))));
  }

  @Test
  void firing_lagGrowingForThreshold_warning_lagFalling_none() {
    List<Report> growing =
        history(40, 1, i -> Map.of(), i -> Map.of("KafkaLagTotal", String.valueOf(1000 + i * 10)));
    assertEquals(List.of("lag_growing"), names(growing));
    assertEquals(AlertRules.Severity.WARNING, RULES.firing(growing).get(0).severity());
    List<Report> catchUp =
        history(
            40, 1, i -> Map.of(), i -> Map.of("KafkaLagTotal", String.valueOf(100_000 - i * 10)));
    assertEquals(List.of(), names(catchUp));
  }

  @Test
  void firing_spoolDamageAndNearFull_andAgentRestart_startsOver() {
    List<Report> damaged =
        history(
            3,
            1,
            i -> Map.of("SpoolDamage", "2", "SpoolBytes", String.valueOf(2L << 20)),
            i -> channel(0, i));
    assertEquals(List.of("spool_damage"), names(damaged), "spool_near_full waits its hold");
    assertTrue(RULES.firing(damaged).get(0).reason().contains("2 spool records lost"));
    List<Report> restarted = new ArrayList<>(damaged);
    restarted.addAll(
        history(2, 2, i -> Map.of("SpoolDamage", "0"), i -> channel(0, i)).stream()
            .map(
                r ->
                    new Report(
                        r.identity(),
                        r.host(),
                        r.agent(),
                        r.startTime(),
                        r.reportTime() + 10_000,
                        r.reportCount(),
                        r.intervalMillis(),
                        r.jvm(),
                        r.metrics(),
                        null,
                        r.receivedAt() + 10_000))
            .toList());
    assertEquals(List.of(), names(restarted));
  }

  @Test
  void firing_reporterDroppedReports_warningThatClears() {
    IntFunction<Map<String, String>> sink = i -> Map.of("ReportsDropped", i >= 5 ? "7" : "0");
    assertEquals(List.of("reporter_dropping"), names(history(6, 1, sink, i -> channel(0, i))));
    assertEquals(List.of(), names(history(10, 1, sink, i -> channel(0, i))));
  }

  /**
   * Fuzz: the incremental evaluation (rule states carried between calls, only new reports
   * evaluated) gives exactly the alerts of an evaluation from the start, after every step of random
   * histories with agent restarts, failures, conflicts, full channels and growing lag.
   */
  @Test
  void firing_incrementalEqualsFromStart_randomHistories() {
    for (long seed = 1; seed <= 200; seed++) {
      java.util.Random random = new java.util.Random(seed);
      List<Report> history = new ArrayList<>();
      AlertRules.Memory memory = new AlertRules.Memory();
      long start = 1;
      long failures = 0;
      long taken = 0;
      long lag = 1000;
      for (int i = 0; i < 150; i++) {
        if (random.nextInt(60) == 0) {
          start++;
          failures = 0;
        }
        failures += random.nextInt(4) == 0 ? 1 : 0;
        taken += random.nextBoolean() ? 10 : 0;
        lag += random.nextInt(5) - 1;
        Map<String, String> sink =
            Map.of(
                "HdfsWriteFailures",
                String.valueOf(failures),
                "WriterIdConflict",
                random.nextInt(10) == 0 ? "1" : "0",
                "Recovering",
                random.nextInt(3) == 0 ? "0" : "1",
                "OldestUnflushedAgeMillis",
                String.valueOf(random.nextInt(60_000)));
        Map<String, String> channel =
            Map.of(
                "ChannelFillPercentage",
                String.valueOf(85 + random.nextInt(15)),
                "EventTakeSuccessCount",
                String.valueOf(taken),
                "KafkaLagTotal",
                String.valueOf(lag));
        long t = 100_000 + i * 1_000L;
        history.add(
            new Report(
                "a",
                "h",
                "a1",
                start,
                t,
                i + 1,
                1_000,
                Map.of(),
                Map.of("SINK.hdfs", sink, "CHANNEL.ch", channel),
                null,
                t));
        if (random.nextInt(3) != 0) {
          assertEquals(
              RULES.firing(history),
              RULES.firing("a", history, memory),
              "seed " + seed + " report " + i);
        }
      }
      assertEquals(RULES.firing(history), RULES.firing("a", history, memory), "seed " + seed);
    }
  }
}
