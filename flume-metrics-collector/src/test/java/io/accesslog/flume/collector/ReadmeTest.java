package io.accesslog.flume.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ReadmeTest {
  @Test
  void readme_table_matchesDeclarations() throws IOException {
    String readme = new String(Files.readAllBytes(Paths.get("README.md")), StandardCharsets.UTF_8);
    String table = CollectorSettings.markdownTable();
    assertTrue(readme.contains("<!-- BEGIN GENERATED TABLE -->\n" + table + "<!-- END GENERATED TABLE -->"),
        "README.md is out of date; replace its generated table with:\n" + table);
  }
}
