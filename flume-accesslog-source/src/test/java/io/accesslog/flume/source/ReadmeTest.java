package io.accesslog.flume.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ReadmeTest {

  private static void assertGenerated(String marker, String table) throws IOException {
    String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
    assertTrue(readme.contains("<!-- BEGIN " + marker + " -->\n" + table
            + "<!-- END " + marker + " -->"),
        "README.md is out of date; replace its " + marker + " with:\n" + table);
  }

  @Test
  void readme_configurationTable_matchesKeyDeclarations() throws IOException {
    assertGenerated("GENERATED TABLE", SourceSettings.markdownTable());
  }

  @Test
  void readme_channelTable_matchesKeyDeclarations() throws IOException {
    assertGenerated("GENERATED CHANNEL TABLE", DirectChannelSettings.markdownTable());
  }
}
