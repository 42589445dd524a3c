package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportCodecTest {
  private final ReportCodec codec = new ReportCodec();

  @Test
  void longTextValue_keptCut_reportAccepted() throws Exception {
    String error =
        "java.net.ConnectException: Call From web-1 to nn:8020 failed " + "x".repeat(3000);
    Report r =
        codec.parse(
            Reports.json("a", 1_000, 1, 5, 4, ",\"LastWriteError\":\"" + error + "\""), 2_000);

    String kept = r.metrics().get("SINK.hdfs").get("LastWriteError");
    assertEquals(ReportCodec.MAX_VALUE, kept.length());
    assertTrue(kept.startsWith("java.net.ConnectException: Call From web-1"), kept);
    assertTrue(kept.endsWith("..."), kept);
    assertEquals(
        "4",
        r.metrics().get("SINK.hdfs").get("EventDrainSuccessCount"),
        "the rest of the report is intact");
  }

  @Test
  void shortTextValue_unchanged() throws Exception {
    String exact = "y".repeat(ReportCodec.MAX_VALUE);
    Report r = codec.parse(Reports.json("a", 1_000, 1, 5, 4, ",\"Note\":\"" + exact + "\""), 2_000);
    assertEquals(exact, r.metrics().get("SINK.hdfs").get("Note"));
  }

  @Test
  void objectValue_refusedWithTheField() {
    ReportCodec.InvalidReport object =
        assertThrows(
            ReportCodec.InvalidReport.class,
            () -> codec.parse(Reports.json("a", 1_000, 1, 5, 4, ",\"Nested\":{\"a\":1}"), 2_000));
    assertTrue(object.getMessage().contains("metrics.SINK.hdfs.Nested"), object.getMessage());
  }
}
