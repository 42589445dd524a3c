package io.accesslog.flume.collector;

import java.util.Map;

/** Test reports: one source, one channel, one sink, counters as given. */
final class Reports {
  static final AlertRules RULES = new AlertRules(AlertRules.Thresholds.defaults());

  private Reports() {}

  static String json(
      String identity, long reportTime, long count, long accepted, long drained, String extraSink) {
    return "{\"version\":1,\"identity\":\""
        + identity.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\","
        + "\"host\":\"web-1\",\"agent\":\"a1\",\"startTime\":100,\"reportTime\":"
        + reportTime
        + ","
        + "\"reportCount\":"
        + count
        + ",\"intervalMillis\":1000,\"jvm\":{\"heapUsed\":1048576,\"heapMax\":4194304},"
        + "\"metrics\":{\"SOURCE.kafka\":{\"Type\":\"SOURCE\",\"EventAcceptedCount\":\""
        + accepted
        + "\",\"KafkaLagTotal\":\"7\"},"
        + "\"CHANNEL.ch\":{\"Type\":\"CHANNEL\",\"ChannelFillPercentage\":\"12.5\",\"EventPutSuccessCount\":\""
        + accepted
        + "\"},"
        + "\"SINK.hdfs\":{\"Type\":\"SINK\",\"EventDrainSuccessCount\":\""
        + drained
        + "\",\"SpoolBytes\":\"2048\""
        + extraSink
        + "}}}";
  }

  static Report report(
      String identity, long reportTime, long count, long accepted, long drained, long receivedAt) {
    try {
      return new ReportCodec()
          .parse(json(identity, reportTime, count, accepted, drained, ""), receivedAt);
    } catch (ReportCodec.InvalidReport e) {
      throw new AssertionError(e);
    }
  }

  static Report withSink(Report r, Map<String, String> sink) {
    Map<String, Map<String, String>> metrics = new java.util.TreeMap<>(r.metrics());
    metrics.put("SINK.hdfs", sink);
    return new Report(
        r.identity(),
        r.host(),
        r.agent(),
        r.startTime(),
        r.reportTime(),
        r.reportCount(),
        r.intervalMillis(),
        r.jvm(),
        metrics,
        r.types(),
        r.receivedAt());
  }

  /**
   * A format-2 report: typed, with our sink's and source's declarations and a per-partition lag.
   */
  static Report typed(
      String identity,
      long reportTime,
      long count,
      Map<String, String> sinkExtra,
      long receivedAt) {
    StringBuilder extra = new StringBuilder();
    StringBuilder sinkTypes =
        new StringBuilder(
            "\"EventDrainSuccessCount\":\"counter:1\",\"SpoolBytes\":\"gauge:bytes\","
                + "\"OldestUnflushedAgeMillis\":\"gauge:ms\",\"HdfsWrites\":\"counter:1\",\"HdfsWriteFailures\":\"counter:1\","
                + "\"WriterIdConflict\":\"gauge:1\",\"Recovering\":\"gauge:1\",\"SpoolDamage\":\"counter:1\","
                + "\"HdfsBytesWritten\":\"counter:bytes\",\"LastWriteError\":\"info:1\",\"Type\":\"info:1\"");
    sinkExtra.forEach(
        (k, v) -> extra.append(",\"").append(k).append("\":\"").append(v).append("\""));
    String json =
        "{\"version\":2,\"identity\":\""
            + identity
            + "\",\"host\":\"web-1\",\"agent\":\"a1\",\"startTime\":100,"
            + "\"reportTime\":"
            + reportTime
            + ",\"reportCount\":"
            + count
            + ",\"intervalMillis\":1000,\"jvm\":{\"heapUsed\":1},"
            + "\"metrics\":{\"SOURCE.kafka\":{\"Type\":\"SOURCE\",\"EventAcceptedCount\":\""
            + count * 10
            + "\",\"KafkaLagTotal\":\"7\","
            + "\"KafkaPausedPartitionCount\":\"1\",\"KafkaLagByPartition\":\"access-logs-0=3,access-logs-1=4\",\"StartTime\":\"1500\"},"
            + "\"CHANNEL.ch\":{\"Type\":\"CHANNEL\",\"ChannelFillPercentage\":\"12.5\",\"ChannelSize\":\"5\",\"ChannelCapacity\":\"40\","
            + "\"EventPutSuccessCount\":\""
            + count * 10
            + "\",\"EventTakeSuccessCount\":\""
            + count * 10
            + "\"},"
            + "\"SINK.hdfs\":{\"Type\":\"SINK\",\"EventDrainSuccessCount\":\""
            + count * 10
            + "\",\"SpoolBytes\":\"2048\""
            + extra
            + "}},"
            + "\"types\":{\"SOURCE.kafka\":{\"Type\":\"info:1\",\"EventAcceptedCount\":\"counter:1\",\"KafkaLagTotal\":\"gauge:1\","
            + "\"KafkaPausedPartitionCount\":\"gauge:1\",\"KafkaLagByPartition\":\"gauge_by_partition:1\",\"StartTime\":\"gauge:epoch_ms\"},"
            + "\"CHANNEL.ch\":{\"Type\":\"info:1\",\"ChannelFillPercentage\":\"gauge:percent\",\"ChannelSize\":\"gauge:1\","
            + "\"ChannelCapacity\":\"gauge:1\",\"EventPutSuccessCount\":\"counter:1\",\"EventTakeSuccessCount\":\"counter:1\"},"
            + "\"SINK.hdfs\":{"
            + sinkTypes
            + "}}}";
    try {
      return new ReportCodec().parse(json, receivedAt);
    } catch (ReportCodec.InvalidReport e) {
      throw new AssertionError(e);
    }
  }
}
