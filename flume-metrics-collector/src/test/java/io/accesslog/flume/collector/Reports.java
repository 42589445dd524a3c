package io.accesslog.flume.collector;

import java.util.Map;

/** Test reports: one source, one channel, one sink, counters as given. */
final class Reports {
  private Reports() { }

  static String json(String identity, long reportTime, long count, long accepted, long drained, String extraSink) {
    return "{\"version\":1,\"identity\":\"" + identity.replace("\\", "\\\\").replace("\"", "\\\"") + "\","
        + "\"host\":\"web-1\",\"agent\":\"a1\",\"startTime\":100,\"reportTime\":" + reportTime + ","
        + "\"reportCount\":" + count + ",\"intervalMillis\":1000,\"jvm\":{\"heapUsed\":1048576,\"heapMax\":4194304},"
        + "\"metrics\":{\"SOURCE.kafka\":{\"Type\":\"SOURCE\",\"EventAcceptedCount\":\"" + accepted + "\",\"KafkaLagTotal\":\"7\"},"
        + "\"CHANNEL.ch\":{\"Type\":\"CHANNEL\",\"ChannelFillPercentage\":\"12.5\",\"EventPutSuccessCount\":\"" + accepted + "\"},"
        + "\"SINK.hdfs\":{\"Type\":\"SINK\",\"EventDrainSuccessCount\":\"" + drained + "\",\"SpoolBytes\":\"2048\"" + extraSink + "}}}";
  }

  static Report report(String identity, long reportTime, long count, long accepted, long drained, long receivedAt) {
    try {
      return new ReportCodec().parse(json(identity, reportTime, count, accepted, drained, ""), receivedAt);
    } catch (ReportCodec.InvalidReport e) {
      throw new AssertionError(e);
    }
  }

  static Report withSink(Report r, Map<String, String> sink) {
    Map<String, Map<String, String>> metrics = new java.util.TreeMap<>(r.metrics());
    metrics.put("SINK.hdfs", sink);
    return new Report(r.identity(), r.host(), r.agent(), r.startTime(), r.reportTime(), r.reportCount(),
        r.intervalMillis(), r.jvm(), metrics, r.receivedAt());
  }
}
