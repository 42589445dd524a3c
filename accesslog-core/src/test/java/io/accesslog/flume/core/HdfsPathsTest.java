package io.accesslog.flume.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HdfsPathsTest {

  @Test
  void pathOnly_withSchemeAndAuthority_keepsThePath() {
    assertEquals("/logs/x", HdfsPaths.pathOnly("hdfs://nn:8020/logs/x"));
    assertEquals("/logs/x", HdfsPaths.pathOnly("file:///logs/x"));
  }

  @Test
  void pathOnly_authorityOnly_isTheRoot() {
    assertEquals("/", HdfsPaths.pathOnly("hdfs://nn:8020"));
  }

  @Test
  void pathOnly_noScheme_unchanged() {
    assertEquals("/logs/x", HdfsPaths.pathOnly("/logs/x"));
    assertEquals("relative/x", HdfsPaths.pathOnly("relative/x"));
  }
}
