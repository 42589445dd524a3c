package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportStoreTest {
  @TempDir Path dir;

  @Test
  void add_duplicatesIgnored_agentsBounded_windowTrimmed() {
    ReportStore store = new ReportStore(10_000, 2);
    assertEquals(ReportStore.Added.STORED, store.add(Reports.report("a", 1_000, 1, 1, 1, 100_000)));
    assertEquals(
        ReportStore.Added.DUPLICATE, store.add(Reports.report("a", 1_000, 1, 1, 1, 100_100)));
    assertEquals(ReportStore.Added.STORED, store.add(Reports.report("b", 1_000, 1, 1, 1, 100_000)));
    assertEquals(
        ReportStore.Added.TOO_MANY_AGENTS, store.add(Reports.report("c", 1_000, 1, 1, 1, 100_000)));
    assertEquals(ReportStore.Added.STORED, store.add(Reports.report("a", 2_000, 2, 1, 1, 105_000)));
    assertEquals(2, store.histories(105_000).get("a").size());
    assertEquals(
        List.of(2L), store.histories(111_000).get("a").stream().map(Report::reportCount).toList());
    assertEquals(List.of("a"), List.copyOf(store.histories(111_000).keySet()), "b left the window");
  }

  @Test
  void snapshot_roundTrip_sameReports() throws Exception {
    ReportStore store = new ReportStore(60_000, 10);
    store.add(Reports.report("x <y>", 1_000, 1, 5, 4, 100_000));
    store.add(Reports.report("x <y>", 2_000, 2, 9, 8, 101_000));
    Snapshot snapshot = new Snapshot(dir, new ReportCodec());
    snapshot.write(store.all());
    ReportStore restored = new ReportStore(60_000, 10);
    assertEquals(2, snapshot.load(restored));
    assertEquals(store.histories(101_000), restored.histories(101_000));
  }

  @Test
  void add_sameDeclaredTypesAsPrevious_sharesOneCopy() {
    ReportStore store = new ReportStore(60_000, 10);
    store.add(Reports.typed("a", 1_000, 1, java.util.Map.of(), 1_000));
    store.add(Reports.typed("a", 2_000, 2, java.util.Map.of(), 2_000));
    java.util.List<Report> history = store.histories(2_000).get("a");
    org.junit.jupiter.api.Assertions.assertSame(history.get(0).types(), history.get(1).types());
  }
}
