package io.accesslog.flume.source;

import io.accesslog.flume.core.GeneratedReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

  private static void assertGenerated(String marker, String table) {
    GeneratedReadme.assertInSync(
        "README.md", "<!-- BEGIN " + marker + " -->", "<!-- END " + marker + " -->", table);
  }

  @Test
  void readme_configurationTable_matchesKeyDeclarations() {
    assertGenerated("GENERATED TABLE", SourceSettings.markdownTable());
  }
}
