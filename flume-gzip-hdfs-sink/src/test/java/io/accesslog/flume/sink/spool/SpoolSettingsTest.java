package io.accesslog.flume.sink.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class SpoolSettingsTest {
  private static final Path DIR = Paths.get("/var/spool/flume");

  @Test
  void build_onlyDir_usesDefaults() {
    SpoolSettings s = SpoolSettings.builder(DIR).build();
    assertEquals(DIR, s.dir());
    assertEquals(64L << 20, s.segmentBytes());
    assertEquals(10L << 30, s.maxBytes());
  }

  @Test
  void build_noDir_namesTheKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SpoolSettings.builder(null).build());
    assertTrue(e.getMessage().startsWith("spool.dir must be set"), e.getMessage());
  }

  @Test
  void build_segmentBytesTooSmall_namesKeyValueAndRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpoolSettings.builder(DIR).segmentBytes(1000).build());
    assertEquals(
        "spool.segmentBytes was set to 1000, must be between 4096 (4KB) and "
            + "1073741824 (1GB); default 67108864 (64MB)",
        e.getMessage());
  }

  @Test
  void build_segmentBytesTooLarge_rejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpoolSettings.builder(DIR).segmentBytes((1L << 30) + 1).build());
    assertTrue(e.getMessage().contains("spool.segmentBytes was set to 1073741825"), e.getMessage());
  }

  @Test
  void build_maxBytesBelowTwoSegments_namesBothKeys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SpoolSettings.builder(DIR).segmentBytes(1 << 20).maxBytes((2 << 20) - 1).build());
    assertEquals(
        "spool.maxBytes was set to 2097151, must be at least 2 x spool.segmentBytes "
            + "= 2097152; raise spool.maxBytes or lower spool.segmentBytes",
        e.getMessage());
  }

  @Test
  void build_boundaryValues_accepted() {
    SpoolSettings s = SpoolSettings.builder(DIR).segmentBytes(4096).maxBytes(8192).build();
    assertEquals(4096, s.segmentBytes());
    assertEquals(8192, s.maxBytes());
    assertEquals(s, SpoolSettings.builder(DIR).segmentBytes(4096).maxBytes(8192).build());
  }
}
