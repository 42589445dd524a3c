package io.accesslog.flume.sink.hour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers' keepers on one root (the local Hadoop file system), driven by fake time: no
 * sleeping.
 */
class HourKeeperTest {
  private static final String TEMPLATE = "%{type}/%{app}/%Y%m%d/%H";
  private static final long H13 = Instant.parse("2026-12-07T13:00:00Z").toEpochMilli();
  private static final long H14 = H13 + 3_600_000L;
  private static final long MIN = 60_000L;

  @TempDir Path tmp;
  private String root;
  private HourStore store;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("logs").toString();
    store = new HadoopHourStore(FileSystem.get(tmp.toUri(), new Configuration()));
  }

  private HourKeeper keeper(String id, HourSettings.LatePolicy policy) throws IOException {
    HourKeeper k =
        new HourKeeper(
            "test-" + id,
            new HourSettings(1000, 5000, "_COMPLETE", policy, "late"),
            store,
            root,
            TEMPLATE,
            ZoneOffset.UTC,
            5,
            id,
            "host=h spool=/s/" + id);
    k.load();
    return k;
  }

  /** Two rounds a settle window apart (2 heartbeats + 1 s): what the keeper saw in both counts. */
  private static void settle(HourKeeper k, long t) throws IOException {
    k.round(t);
    k.round(t + 3_000);
  }

  private void gz(String dir, String name, int lines) throws IOException {
    Path p = Path.of(dir, name);
    Files.createDirectories(p.getParent());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int member = 0; member < 2; member++) {
      try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
        for (int i = 0; i < lines / 2; i++) {
          gz.write(("line " + member + " " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    Files.write(p, b.toByteArray());
  }

  @Test
  void round_markerOnlyOnceBothWritersFinished_thenCountsEveryFileAndLine() throws IOException {
    String shop = root + "/access/shop/20261207/13";
    String cart = root + "/access/cart/20261207/13";
    gz(shop, "web-1.2026120713.w-a.0000.gz", 10);
    gz(shop, "web-2.2026120713.w-b.0000.gz", 20);
    gz(cart, "web-3.2026120713.w-b.0000.gz", 4);
    HourKeeper a = keeper("a", HourSettings.LatePolicy.SEPARATE);
    HourKeeper b = keeper("b", HourSettings.LatePolicy.SEPARATE);
    long now = H14 + 6 * MIN;
    // b still holds a target of 13:00
    a.update(now, false, Long.MAX_VALUE);
    b.update(now, false, H13);
    // b's claim exists before a's round: a claim without a state holds back every hour
    store.createIfAbsent(a.registry().claimPath("b"), "host=h spool=/s/b");
    settle(a, now);
    assertFalse(store.exists(shop + "/_COMPLETE"), "b has published nothing yet");
    settle(b, now + 5_000);
    settle(a, now + 10_000);
    assertFalse(store.exists(shop + "/_COMPLETE"), "b has not finished 13:00");
    assertEquals(H14, a.finishedThrough());
    assertEquals(H13, b.finishedThrough());

    b.update(now + MIN, false, Long.MAX_VALUE);
    settle(b, now + MIN);
    // b is the last to finish: b writes both directories' markers, cart's though a never wrote
    // there
    Marker m = Marker.parse(store.read(shop + "/_COMPLETE"));
    assertEquals(30, m.lines());
    assertEquals(2, m.files.size());
    assertEquals(1, m.revision);
    assertEquals("b", m.writtenBy);
    assertEquals(List.of("a", "b"), m.writers);
    assertEquals(4, Marker.parse(store.read(cart + "/_COMPLETE")).lines());
    assertEquals(H14, b.markedThrough());
    assertEquals(2, b.markersWritten());
    settle(a, now + MIN + 10_000);
    assertEquals(0, a.markersWritten(), "created only if absent: one writer wins");
  }

  @Test
  void round_downWriterHoldsBack_untilDrainedOrRetiredLost() throws IOException {
    String shop = root + "/access/shop/20261207/13";
    gz(shop, "web-1.2026120713.w-a.0000.gz", 10);
    HourKeeper a = keeper("a", HourSettings.LatePolicy.SEPARATE);
    HourKeeper b = keeper("b", HourSettings.LatePolicy.SEPARATE);
    long now = H14 + 6 * MIN;
    a.update(now, false, Long.MAX_VALUE);
    b.update(now, false, H13);
    settle(b, now); // b's last heartbeats, then it dies
    long later = now + 60 * MIN;
    a.update(later, false, Long.MAX_VALUE);
    settle(a, later);
    assertFalse(store.exists(shop + "/_COMPLETE"));
    List<Holdback.Holder> holders =
        Holdback.holders(a.registry().list(), H13, later, 5000, a.hours());
    assertEquals(1, holders.size());
    assertEquals("b", holders.get(0).writerId);
    assertTrue(holders.get(0).reason.startsWith("DOWN"), holders.get(0).reason);

    a.registry().retire("b", later, false, "test");
    settle(a, later + 10_000);
    assertFalse(store.exists(shop + "/_COMPLETE"), "retired, spool not drained: still held");
    assertTrue(
        Holdback.holders(a.registry().list(), H13, later, 5000, a.hours())
            .get(0)
            .reason
            .startsWith("retired, spool not drained"));

    WriterInfo info = a.registry().read("b");
    a.registry().writeState(info.state.withDrained(later));
    settle(a, later + 20_000);
    assertTrue(store.exists(shop + "/_COMPLETE"), "drained: b holds back nothing");
  }

  @Test
  void lateDirectory_markedHour_separateGoesToLateDir_reopenStaysAndRewritesMarker()
      throws IOException {
    String shop = root + "/access/shop/20261207/13";
    gz(shop, "web-1.2026120713.w-a.0000.gz", 10);
    HourKeeper sep = keeper("a", HourSettings.LatePolicy.SEPARATE);
    long now = H14 + 6 * MIN;
    sep.update(now, false, Long.MAX_VALUE);
    settle(sep, now);
    assertTrue(store.exists(shop + "/_COMPLETE"));
    long arrival = Instant.parse("2026-12-07T16:30:00Z").toEpochMilli();
    assertEquals(
        root + "/late/2026120716/access/shop/20261207/13", sep.lateDirectory(shop, H13, arrival));
    assertEquals(
        root + "/access/shop/20261207/14",
        sep.lateDirectory(root + "/access/shop/20261207/14", H14, arrival),
        "an hour not yet marked is not late");
    assertEquals(1, sep.lateLinesAfterMarker());

    HourKeeper reopen =
        new HourKeeper(
            "test-r",
            new HourSettings(1000, 5000, "_COMPLETE", HourSettings.LatePolicy.REOPEN, "late"),
            store,
            root,
            TEMPLATE,
            ZoneOffset.UTC,
            5,
            "a",
            "host=h");
    reopen.load();
    reopen.update(arrival, false, Long.MAX_VALUE);
    settle(reopen, arrival);
    assertEquals(shop, reopen.lateDirectory(shop, H13, arrival));
    assertEquals(1, reopen.lateLinesAfterMarker());
    gz(shop, "web-1.2026120713.w-a.0001.gz", 6);
    reopen.fileFinished(shop, H13);
    settle(reopen, arrival + 10_000);
    Marker m = Marker.parse(store.read(shop + "/_COMPLETE"));
    assertEquals(2, m.revision);
    assertEquals(16, m.lines());
    settle(reopen, arrival + 20_000);
    assertEquals(
        2,
        Marker.parse(store.read(shop + "/_COMPLETE")).revision,
        "unchanged files: no new revision");
  }

  @Test
  void round_lateLinesHeldByAnotherWriter_remarkWaitsUntilNoWriterListsTheHour()
      throws IOException {
    String shop = root + "/access/shop/20261207/13";
    HourKeeper a = keeper("a", HourSettings.LatePolicy.REOPEN);
    HourKeeper b = keeper("b", HourSettings.LatePolicy.REOPEN);
    long now = H14 + 6 * MIN;
    a.update(now, false, Long.MAX_VALUE);
    b.update(now, false, Long.MAX_VALUE);
    settle(b, now);
    settle(a, now + 5_000);
    assertTrue(a.markedThrough() > H13, "13:00 was complete (empty) before its lines came");
    // both take lines of 13:00 late; a finishes its file first, b still holds its lines (then goes
    // down)
    gz(shop, "web-1.2026120713.w-a.0000.gz", 10);
    gz(shop, "_web-2.2026120713.w-b.0000.gz", 4);
    b.update(now + MIN, false, Long.MAX_VALUE, List.of(H13));
    settle(b, now + MIN);
    a.update(now + MIN, false, Long.MAX_VALUE, List.of());
    a.fileFinished(shop, H13);
    settle(a, now + MIN + 10_000);
    assertFalse(store.exists(shop + "/_COMPLETE"), "b holds late lines of 13:00");
    settle(a, now + 90 * MIN);
    assertFalse(store.exists(shop + "/_COMPLETE"), "b is down with them: still held");

    Files.move(
        Path.of(shop, "_web-2.2026120713.w-b.0000.gz"),
        Path.of(shop, "web-2.2026120713.w-b.0000.gz"));
    WriterInfo info = a.registry().read("b");
    a.registry().writeState(info.state.withDrained(now + 91 * MIN));
    settle(a, now + 91 * MIN);
    Marker m = Marker.parse(store.read(shop + "/_COMPLETE"));
    assertEquals(1, m.revision);
    assertEquals(14, m.lines(), "both writers' lines");
  }

  /**
   * Writers mark hours each at its own pace. b has marked past 13:00 (empty then) and takes lines
   * of it late; a, behind, reaches 13:00 while b holds them: a must not write 13:00's first marker
   * from its own file alone (HourMarkerIT saw a marker counting 524 of 3,000 lines this way).
   */
  @Test
  void round_aWriterBehind_doesNotMarkAnHourAnotherWriterHoldsLateLinesOf() throws IOException {
    String shop = root + "/access/shop/20261207/13";
    HourKeeper a = keeper("a", HourSettings.LatePolicy.REOPEN);
    HourKeeper b = keeper("b", HourSettings.LatePolicy.REOPEN);
    long early = H13 + 6 * MIN; // 13:00 still open
    a.update(early, false, Long.MAX_VALUE);
    b.update(early, false, Long.MAX_VALUE);
    settle(a, early);
    settle(b, early);
    assertEquals(H13, a.markedThrough());
    long now = H14 + 6 * MIN;
    // a has published that it finished 13:00 but not marked it yet (its next round is later)
    a.update(now, false, Long.MAX_VALUE);
    a.publish(now);
    b.update(now, false, Long.MAX_VALUE);
    settle(b, now);
    assertEquals(H14, b.markedThrough(), "b marked 13:00 through while it was empty");
    gz(shop, "web-1.2026120713.w-a.0000.gz", 10);
    b.update(now + MIN, false, Long.MAX_VALUE, List.of(H13));
    settle(b, now + MIN);
    a.update(now + MIN, false, Long.MAX_VALUE, List.of());
    settle(a, now + MIN);
    settle(a, now + 2 * MIN);
    assertFalse(store.exists(shop + "/_COMPLETE"), "b holds late lines of 13:00");
    assertEquals(H13, a.markedThrough(), "a waits at 13:00");

    // b wrote its lines and holds nothing more: a marks 13:00 with both files
    gz(shop, "web-2.2026120713.w-b.0000.gz", 4);
    b.update(now + 3 * MIN, false, Long.MAX_VALUE, List.of());
    settle(b, now + 3 * MIN);
    settle(a, now + 3 * MIN + 10_000);
    assertEquals(14, Marker.parse(store.read(shop + "/_COMPLETE")).lines(), "both writers' lines");
    assertEquals(H14, a.markedThrough());
  }

  @Test
  void update_whileRecovering_keepsThePublishedWatermark() throws IOException {
    HourKeeper a = keeper("a", HourSettings.LatePolicy.SEPARATE);
    long now = H14 + 6 * MIN;
    a.update(now, false, H13);
    a.round(now);
    HourKeeper restarted = keeper("a", HourSettings.LatePolicy.SEPARATE);
    assertEquals(H13, restarted.finishedThrough(), "survives a restart");
    restarted.update(now + 60 * MIN, true, Long.MAX_VALUE);
    assertEquals(H13, restarted.finishedThrough(), "replay may still bring lines of 13:00");
    restarted.update(now + 60 * MIN, false, Long.MAX_VALUE);
    assertEquals(H14 + 3_600_000L, restarted.finishedThrough());
  }

  @Test
  void writerState_roundTrip_andIncompleteTextRejected() {
    WriterState s =
        new WriterState("w-1", "host=a spool=/x", 5, H13, H13 - 3_600_000L, true, WriterState.NONE);
    WriterState back = WriterState.parse(s.format());
    assertEquals(s.format(), back.format());
    assertFalse(back.drained());
    assertTrue(back.finished(H13 - 3_600_000L));
    assertFalse(back.finished(H13));
    assertNotNull(WriterState.parse(s.withDrained(9).format()).identity);
    assertTrue(WriterState.parse(s.withDrained(9).format()).finished(H14 * 10));
    try {
      WriterState.parse("writer=x\n");
      throw new AssertionError("accepted an incomplete state");
    } catch (IllegalArgumentException expected) {
      assertNull(null);
    }
  }

  @Test
  void hours_globAndCloseMinute_inAZoneWithAHalfHourOffset() {
    Hours india = new Hours(java.time.ZoneId.of("Asia/Kolkata"), 5);
    long local13 = Instant.parse("2026-12-07T07:30:00Z").toEpochMilli(); // 13:00 +05:30
    assertEquals(local13, india.floor(local13 + 59 * MIN));
    assertEquals("/r/*/*/20261207/13", india.glob("/r", TEMPLATE, local13));
    assertEquals(local13, india.firstOpen(local13 + 64 * MIN), "13:00 closes at 14:05");
    assertEquals(local13 + 3_600_000L, india.firstOpen(local13 + 65 * MIN));
    assertTrue(Hours.hourlyDirectories("%{app}/%Y%m%d/%H"));
    assertFalse(Hours.hourlyDirectories("%{app}/%Y%m%d/%%H"));
  }
}
