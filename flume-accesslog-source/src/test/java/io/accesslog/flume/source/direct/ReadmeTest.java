package io.accesslog.flume.source.direct;

import io.accesslog.flume.core.GeneratedReadme;
import org.junit.jupiter.api.Test;

class ReadmeTest {

  private static void assertGenerated(String marker, String table) {
    GeneratedReadme.assertInSync(
        "README.md", "<!-- BEGIN " + marker + " -->", "<!-- END " + marker + " -->", table);
  }

  @Test
  void readme_channelTable_matchesKeyDeclarations() {
    assertGenerated("GENERATED CHANNEL TABLE", DirectChannelSettings.markdownTable());
  }
}
