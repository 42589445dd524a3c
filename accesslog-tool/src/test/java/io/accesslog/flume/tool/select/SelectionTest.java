package io.accesslog.flume.tool.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectionTest {
  @TempDir Path dir;
  private FileSystem fs;
  private Layout layout;

  @BeforeEach
  void files() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    layout =
        new Layout(
            dir.toUri().toString(), Layout.DEFAULT_PATH, Layout.DEFAULT_FILE_NAME, ZoneOffset.UTC);
    for (String app : List.of("shop", "checkout", "api")) {
      for (String hour : List.of("2026120712", "2026120713", "2026120714", "2026120800")) {
        String d = "access/" + app + "/" + hour.substring(0, 8) + "/" + hour.substring(8);
        for (String host : List.of("web-01", "web-02", "web-07")) {
          touch(d + "/" + host + "." + hour + ".w-agent1-hdfs.0000.gz");
        }
        touch(d + "/" + "_web-01." + hour + ".w-agent2-hdfs.0000.gz"); // in progress
      }
    }
    touch("access/shop/20261207/13/web-01.2026120713.w-agent1-hdfs.0001.gz"); // late file
    touch("access/shop/20261207/13/notes.txt");
    touch("_error/unknown/20261207/13/web-01.2026120713.w-agent1-hdfs.0000.gz");
  }

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1, 2, 3});
  }

  private List<String> select(Map<String, String> globs, String from, String to, boolean inProgress)
      throws IOException {
    Map<String, String> g = new LinkedHashMap<>(Map.of("type", "access"));
    g.putAll(globs);
    return Selection.select(
            fs,
            layout,
            new Selection.Criteria(
                g,
                from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to),
                inProgress))
        .files()
        .stream()
        .map(SelectedFile::relative)
        .toList();
  }

  @Test
  void select_hourRangeAndAppAndHost_exactlyThoseFinalFilesWithTheLateOne() throws IOException {
    List<String> files =
        select(
            Map.of("app", "shop", "host", "web-01"),
            "2026-12-07T13:00:00Z",
            "2026-12-07T14:00:00Z",
            false);
    assertEquals(
        List.of(
            "access/shop/20261207/13/web-01.2026120713.w-agent1-hdfs.0000.gz",
            "access/shop/20261207/13/web-01.2026120713.w-agent1-hdfs.0001.gz"),
        files);
  }

  @Test
  void select_partialHours_includeBothBoundaryHoursAndMarkThemForLineTimeChecks()
      throws IOException {
    Selection.Result r =
        Selection.select(
            fs,
            layout,
            new Selection.Criteria(
                Map.of("type", "access", "app", "api", "host", "web-02"),
                Instant.parse("2026-12-07T12:40:00Z"),
                Instant.parse("2026-12-07T14:20:00Z"),
                false));
    assertEquals(3, r.files().size());
    assertEquals(
        List.of(false, true, false),
        r.files().stream().map(SelectedFile::wholeHourInRange).toList());
    assertEquals(Instant.parse("2026-12-07T12:00:00Z"), r.files().get(0).hour());
    assertEquals(3, r.globs().size());
  }

  @Test
  void select_inProgress_onlyWhenAsked() throws IOException {
    assertTrue(select(Map.of(), null, null, false).stream().noneMatch(f -> f.contains("/_")));
    List<String> with =
        select(Map.of("app", "{shop,api}"), "2026-12-08T00:00:00Z", "2026-12-08T01:00:00Z", true);
    assertEquals(8, with.size(), with.toString());
    assertEquals(2, with.stream().filter(f -> f.contains("/_web-01")).count());
  }

  @Test
  void select_noBounds_everyHourOfTheType_errorBucketOnlyByItsType() throws IOException {
    assertEquals(3 * 4 * 3 + 1, select(Map.of(), null, null, false).size());
    assertEquals(1, select(Map.of("type", "_error"), null, null, false).size());
    assertEquals(8, select(Map.of("host", "web-0[27]", "app", "check*"), null, null, false).size());
  }

  @Test
  void select_oneBoundOnly_readsHoursFromDirectoryNames() throws IOException {
    List<String> files = select(Map.of("app", "api"), "2026-12-07T14:30:00Z", null, false);
    assertEquals(6, files.size(), files.toString());
  }

  @Test
  void layout_otherZoneAndTemplate_hoursFromPaths() {
    Layout l = new Layout("/logs", "%{app}/%Y/%m/%d/%H", "%{host}-%Y%m%d-%H", ZoneId.of("+08:00"));
    assertEquals(Instant.parse("2026-12-07T05:00:00Z"), l.hourOf("shop/2026/12/07/13"));
    assertEquals(
        "/logs/shop/2026/12/07/13",
        l.directoryGlob(Map.of("app", "shop"), Instant.parse("2026-12-07T05:00:00Z")));
    assertTrue(
        l.fileNamePattern(Map.of("host", "web-*"))
            .matcher("web-01-20261207-13.w-a.0003.gz")
            .matches());
    assertFalse(
        l.fileNamePattern(Map.of("host", "web-*"))
            .matcher("db-01-20261207-13.w-a.0003.gz")
            .matches());
    assertEquals(
        Instant.parse("2026-12-07T13:00:00Z"),
        new Layout("/l", "%{type}/%s", "%{host}", ZoneOffset.UTC).hourOf("access/" + 1796648400L));
  }

  @Test
  void timeArg_formsAndOneClearError() {
    Instant now = Instant.parse("2026-12-07T15:10:00Z");
    assertEquals(Instant.parse("2026-12-07T13:10:00Z"), TimeArg.parse("--from", "-2h", now));
    assertEquals(Instant.parse("2026-12-06T15:10:00Z"), TimeArg.parse("--from", "-1d", now));
    assertEquals(
        Instant.parse("2026-12-07T05:00:00Z"),
        TimeArg.parse("--from", "2026-12-07T13:00+08:00", now));
    assertEquals(now, TimeArg.parse("--to", "now", now));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TimeArg.parse("--from", "2026-12-07T13:00", now));
    assertTrue(e.getMessage().contains("no offset"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimeArg.duration("--every", "0m"));
  }
}
